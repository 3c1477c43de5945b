<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko">
<context>
    <name>main</name>
    <message>
        <source>A laboratory for neural-network regularization.</source>
        <translation>신경망 정규화 실험실.</translation>
    </message>
    <message>
        <source>Open an experiment file.</source>
        <translation>실험 파일을 엽니다.</translation>
    </message>
    <message>
        <source>Train N epochs right away (0: only build).</source>
        <translation>바로 N 에포크를 학습합니다 (0: 빌드만).</translation>
    </message>
    <message>
        <source>After training, save the window as an image and quit.</source>
        <translation>학습이 끝나면 창을 이미지로 저장하고 종료합니다.</translation>
    </message>
    <message>
        <source>Window size, e.g. 1600x1000.</source>
        <translation>창 크기, 예: 1600x1000.</translation>
    </message>
    <message>
        <source>Open lesson N (1-%1) with its explanation.</source>
        <translation>N번 수업(1-%1)을 설명과 함께 엽니다.</translation>
    </message>
    <message>
        <source>User-interface language: ko, en or system.</source>
        <translation>사용자 인터페이스 언어: ko, en 또는 system.</translation>
    </message>
    <message>
        <source>An experiment file to open.</source>
        <translation>열 실험 파일.</translation>
    </message>
    <message>
        <source>Presentation mode: larger text, thicker lines in every plot.</source>
        <translation>발표 모드: 모든 그래프의 글자를 크게, 선을 굵게 합니다.</translation>
    </message>
    <message>
        <source>Zoom the text, e.g. 1.25 (0.8 to 2.5).</source>
        <translation>글자 확대 배율, 예: 1.25 (0.8~2.5).</translation>
    </message>
    <message>
        <source>When the plots are tabs (a small window), show plot N (1-4) first.</source>
        <translation>그래프가 탭으로 보일 때(작은 창) N번째 그래프(1~4)를 먼저 보여 줍니다.</translation>
    </message>
    <message>
        <source>Play&apos;s pace in epochs per second (0: as fast as possible).</source>
        <translation>재생 속도, 초당 에포크 수 (0: 최대한 빠르게).</translation>
    </message>
    <message>
        <source>Take the screenshot when training reaches epoch E, mid-run.</source>
        <translation>학습이 E 에포크에 이르면 학습 도중에 스크린샷을 찍습니다.</translation>
    </message>
    <message>
        <source>Show a finished run folder (reglab-cli train&apos;s output) with all its plots.</source>
        <translation>끝난 실행 폴더(reglab-cli train의 출력)를 모든 그래프와 함께 보여 줍니다.</translation>
    </message>
    <message>
        <source>Show the weight histograms over time (percentile bands).</source>
        <translation>가중치 히스토그램을 시간에 따라 보여 줍니다(백분위 띠).</translation>
    </message>
    <message>
        <source>Compare finished runs side by side: a run folder, a sweep folder or a folder of run folders (may be given several times).</source>
        <translation>끝난 실행들을 나란히 비교합니다: 실행 폴더, 스윕 폴더 또는 실행 폴더들을 담은 폴더(여러 번 줄 수 있음).</translation>
    </message>
    <message>
        <source>Show the weights over time as distributions or as histograms (ridges; ridge-log: on a log count axis), in the main, run or compare window.</source>
        <translation>시간에 따른 가중치를 분포 또는 히스토그램(능선; ridge-log: 로그 개수 축)으로 기본 창, 실행 창 또는 비교 창에 보여 줍니다.</translation>
    </message>
    <message>
        <source>Show every neuron of the network (View, Every neuron): dead and pruned units marked and counted.</source>
        <translation>네트워크의 모든 뉴런을 보여 줍니다(보기, 모든 뉴런): 죽은 유닛과 가지치기된 유닛을 표시하고 셉니다.</translation>
    </message>
    <message>
        <source>Select entry N (1 = the first) of the model&apos;s layer list, so the Layer panel shows it.</source>
        <translation>모델 레이어 목록의 N번째 항목(1 = 첫 번째)을 선택해 레이어 패널에 보여 줍니다.</translation>
    </message>
    <message>
        <source>Compare the opened experiment&apos;s network as the Overfit and underfit tutorial&apos;s Tiny, Small, Medium and Large models (ELU), trained side by side.</source>
        <translation>열린 실험의 네트워크를 Overfit and underfit 튜토리얼의 Tiny, Small, Medium, Large 모델(ELU)로 바꿔 나란히 학습하며 비교합니다.</translation>
    </message>
    <message>
        <source>Show the feature maps of test image N through every conv and max-pool layer (View, Feature maps).</source>
        <translation>테스트 이미지 N이 모든 합성곱·최대 풀링 레이어를 지나며 만드는 특성 맵을 보여 줍니다 (보기, 특성 맵).</translation>
    </message>
    <message>
        <source>Compare the opened experiment&apos;s L2 scale λ on every layer, the conv layers only or the dense layers only, trained side by side.</source>
        <translation>연 실험의 L2 계수 λ를 모든 레이어, 합성곱 레이어만 또는 Dense 레이어만 바꿔 가며 나란히 훈련해 비교합니다.</translation>
    </message>
</context>
<context>
    <name>reglab::ui::AccuracyPlot</name>
    <message>
        <source>best test</source>
        <translation>최고 테스트</translation>
    </message>
    <message>
        <source>R² (coefficient of determination)</source>
        <translation>R² (결정 계수)</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <source>R²</source>
        <translation>R²</translation>
    </message>
    <message>
        <source>train R²</source>
        <translation>훈련 R²</translation>
    </message>
    <message>
        <source>test R²</source>
        <translation>테스트 R²</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>정확도 (%)</translation>
    </message>
    <message>
        <source>train accuracy</source>
        <translation>훈련 정확도</translation>
    </message>
    <message>
        <source>test accuracy</source>
        <translation>테스트 정확도</translation>
    </message>
    <message>
        <source>best test %1 · epoch %2</source>
        <translation>최고 테스트 %1 · 에포크 %2</translation>
    </message>
    <message>
        <source>validation R²</source>
        <translation>검증 R²</translation>
    </message>
    <message>
        <source>validation accuracy</source>
        <translation>검증 정확도</translation>
    </message>
</context>
<context>
    <name>reglab::ui::ChangeMarkers</name>
    <message>
        <source>lr %1</source>
        <translation>학습률 %1</translation>
    </message>
    <message>
        <source>TF1 ΣW²/2</source>
        <translation>TF1 ΣW²/2</translation>
    </message>
    <message>
        <source>Keras ΣW²</source>
        <translation>Keras ΣW²</translation>
    </message>
    <message>
        <source>L2 convention %1</source>
        <translation>L2 규약 %1</translation>
    </message>
    <message>
        <source>%1 bias %2 λ %3</source>
        <translation>%1 편향 %2 λ %3</translation>
    </message>
    <message>
        <source>%1 %2 λ %3</source>
        <translation>%1 %2 λ %3</translation>
    </message>
    <message>
        <source>λ/lr changed</source>
        <translation>λ/학습률 변경</translation>
    </message>
    <message>
        <source>stopped early · epoch %1</source>
        <translation>조기 종료 · 에포크 %1</translation>
    </message>
    <message>
        <source>restored best · epoch %1 (%2 %3)</source>
        <translation>최적 복원 · 에포크 %1 (%2 %3)</translation>
    </message>
    <message>
        <source>best · epoch %1 (%2 %3)</source>
        <translation>최적 · 에포크 %1 (%2 %3)</translation>
    </message>
</context>
<context>
    <name>reglab::ui::CompareCurvesPlot</name>
    <message>
        <source>epoch</source>
        <translation>에포크</translation>
    </message>
    <message>
        <source>Log y</source>
        <translation>로그 y</translation>
    </message>
    <message>
        <source>data loss</source>
        <translation>데이터 손실</translation>
    </message>
    <message>
        <source>R²</source>
        <translation>R²</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>정확도 (%)</translation>
    </message>
    <message>
        <source>%1 (train)</source>
        <translation>%1 (훈련)</translation>
    </message>
    <message>
        <source>Training (solid)</source>
        <translation>훈련 (실선)</translation>
    </message>
    <message>
        <source>Draw each run&apos;s training-set curve, solid, beside its dashed validation (or test) curve in the same colour</source>
        <translation>각 실행의 훈련 세트 곡선을 실선으로, 같은 색의 점선 검증(또는 테스트) 곡선 옆에 그립니다</translation>
    </message>
    <message>
        <source>Log epochs</source>
        <translation>로그 에포크</translation>
    </message>
    <message>
        <source>A logarithmic epoch axis from epoch 1, as the Overfit and underfit tutorial draws it: early epochs get room</source>
        <translation>에포크 1부터 시작하는 로그 에포크 축 (Overfit and underfit 튜토리얼처럼): 초기 에포크가 넓게 보입니다</translation>
    </message>
    <message>
        <source>Data loss: training solid, validation dashed</source>
        <translation>데이터 손실: 훈련 실선, 검증 점선</translation>
    </message>
    <message>
        <source>Data loss: training solid, test dashed</source>
        <translation>데이터 손실: 훈련 실선, 테스트 점선</translation>
    </message>
    <message>
        <source>R²: training solid, validation dashed</source>
        <translation>R²: 훈련 실선, 검증 점선</translation>
    </message>
    <message>
        <source>R²: training solid, test dashed</source>
        <translation>R²: 훈련 실선, 테스트 점선</translation>
    </message>
    <message>
        <source>Accuracy: training solid, validation dashed</source>
        <translation>정확도: 훈련 실선, 검증 점선</translation>
    </message>
    <message>
        <source>Accuracy: training solid, test dashed</source>
        <translation>정확도: 훈련 실선, 테스트 점선</translation>
    </message>
</context>
<context>
    <name>reglab::ui::CompareSetupPane</name>
    <message>
        <source>Compare regularization settings</source>
        <translation>정규화 설정 비교</translation>
    </message>
    <message>
        <source>From “%1”: %2 · %3 layers · seed %4</source>
        <translation>“%1”에서: %2 · 레이어 %3개 · 시드 %4</translation>
    </message>
    <message>
        <source>Every run starts from the same initial weights and sees the same batches: only the regularization differs.</source>
        <translation>모든 실행은 같은 초기 가중치에서 출발하고 같은 배치를 봅니다. 정규화만 다릅니다.</translation>
    </message>
    <message>
        <source>What varies</source>
        <translation>바꿀 것</translation>
    </message>
    <message>
        <source>L2 scale λ</source>
        <translation>L2 계수 λ</translation>
    </message>
    <message>
        <source>L1 scale λ</source>
        <translation>L1 계수 λ</translation>
    </message>
    <message>
        <source>Regularizer kind</source>
        <translation>정규화 종류</translation>
    </message>
    <message>
        <source>L2 convention</source>
        <translation>L2 규약</translation>
    </message>
    <message>
        <source>Coupled L2 vs AdamW decay</source>
        <translation>결합 L2 vs AdamW 감쇠</translation>
    </message>
    <message>
        <source>Vary</source>
        <translation>바꿀 항목</translation>
    </message>
    <message>
        <source>All layers</source>
        <translation>모든 레이어</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>레이어</translation>
    </message>
    <message>
        <source>List</source>
        <translation>목록</translation>
    </message>
    <message>
        <source>Log range</source>
        <translation>로그 범위</translation>
    </message>
    <message>
        <source>Also λ = 0</source>
        <translation>λ = 0도 포함</translation>
    </message>
    <message>
        <source>from</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>to</source>
        <translation>끝</translation>
    </message>
    <message>
        <source>values</source>
        <translation>개 값</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>값</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>계수</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>에포크</translation>
    </message>
    <message>
        <source>λ = %1</source>
        <translation>λ = %1</translation>
    </message>
    <message>
        <source>None</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>L1 %1</source>
        <translation>L1 %1</translation>
    </message>
    <message>
        <source>L2 %1</source>
        <translation>L2 %1</translation>
    </message>
    <message>
        <source>L1+L2 %1</source>
        <translation>L1+L2 %1</translation>
    </message>
    <message>
        <source>Keras: λ·Σw²</source>
        <translation>Keras: λ·Σw²</translation>
    </message>
    <message>
        <source>TF1: λ·Σw²/2</source>
        <translation>TF1: λ·Σw²/2</translation>
    </message>
    <message>
        <source>The experiment has no L2 term: both conventions give the same run. Add an L2 scale to a layer first.</source>
        <translation>이 실험에는 L2 항이 없어서 두 규약이 같은 실행을 만듭니다. 먼저 레이어에 L2 계수를 넣으세요.</translation>
    </message>
    <message>
        <source>L2 %1, coupled (Adam)</source>
        <translation>L2 %1, 결합 (Adam)</translation>
    </message>
    <message>
        <source>AdamW decay %1</source>
        <translation>AdamW 감쇠 %1</translation>
    </message>
    <message>
        <source>Coupled: the L2 gradient goes through Adam&apos;s scaling. Decoupled: AdamW shrinks w by lr·%1·w each step, the decay plain SGD would get from the same penalty (Loshchilov &amp; Hutter).</source>
        <translation>결합: L2 그래디언트가 Adam의 스케일링을 거칩니다. 분리: AdamW는 매 단계 w를 lr·%1·w만큼 줄이며, 이는 보통의 SGD가 같은 페널티에서 얻는 감쇠입니다 (Loshchilov &amp; Hutter).</translation>
    </message>
    <message>
        <source>Runs (%1): %2. Up to %3 at a time, one core each.</source>
        <translation>실행 (%1개): %2. 한 번에 최대 %3개, 각각 코어 하나.</translation>
    </message>
    <message>
        <source>Scales separated by commas, e.g. 0, 1e-4, 1e-3. With decimal commas separate them by &apos;;&apos;, e.g. 1e-4; 0,01; 0,1</source>
        <translation>쉼표로 구분한 계수, 예: 0, 1e-4, 1e-3. 소수점으로 쉼표를 쓰면 &apos;;&apos;로 구분합니다. 예: 1e-4; 0,01; 0,1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>From</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>To</source>
        <translation>끝</translation>
    </message>
    <message>
        <source>Values: “%1” could be one number or two. Write %2 for one number, separate two with a space after the comma, or separate values with &apos;;&apos; when they use a decimal comma: 1e-4; 0,01</source>
        <translation>값: “%1”은(는) 숫자 하나로도 둘로도 읽힙니다. 하나라면 %2로 쓰고, 둘이라면 쉼표 뒤에 공백을 넣거나, 소수점으로 쉼표를 쓸 때는 값을 &apos;;&apos;로 구분하세요: 1e-4; 0,01</translation>
    </message>
    <message>
        <source>Values: “%1” is not a number. Allowed: 0 to 1e12.</source>
        <translation>값: “%1”은(는) 숫자가 아닙니다. 허용 범위: 0 ~ 1e12.</translation>
    </message>
    <message>
        <source>Values: type at least one scale, e.g. 0, 1e-4, 1e-3.</source>
        <translation>값: 계수를 하나 이상 입력하세요. 예: 0, 1e-4, 1e-3.</translation>
    </message>
    <message>
        <source>Values: %1 is out of range. Allowed: 0 to 1e12.</source>
        <translation>값: %1은(는) 범위를 벗어납니다. 허용 범위: 0 ~ 1e12.</translation>
    </message>
    <message>
        <source>Values: %1 is listed twice.</source>
        <translation>값: %1이(가) 두 번 들어 있습니다.</translation>
    </message>
    <message>
        <source>Dropout rate</source>
        <translation>드롭아웃 비율</translation>
    </message>
    <message>
        <source>Training-set size</source>
        <translation>훈련 세트 크기</translation>
    </message>
    <message>
        <source>Label noise</source>
        <translation>레이블 잡음</translation>
    </message>
    <message>
        <source>Model size</source>
        <translation>모델 크기</translation>
    </message>
    <message>
        <source>Early stopping on/off</source>
        <translation>조기 종료 켬/끔</translation>
    </message>
    <message>
        <source>L2, dropout, L2 + dropout</source>
        <translation>L2, 드롭아웃, L2 + 드롭아웃</translation>
    </message>
    <message>
        <source>Tutorial sizes (Tiny … Large)</source>
        <translation>튜토리얼 크기 (Tiny … Large)</translation>
    </message>
    <message>
        <source>TensorFlow&apos;s Overfit and underfit tutorial: Tiny 16, Small 16-16, Medium 64×3, Large 512×4, all ELU. Unchecked: the hidden widths typed under Values, models separated by &apos;;&apos;, e.g. 16; 64, 64; 256x3</source>
        <translation>TensorFlow의 Overfit and underfit 튜토리얼: Tiny 16, Small 16-16, Medium 64×3, Large 512×4, 모두 ELU. 체크를 끄면 값 칸에 입력한 은닉층 너비를 쓰며, 모델은 &apos;;&apos;로 구분합니다. 예: 16; 64, 64; 256x3</translation>
    </message>
    <message>
        <source>The dropout rate of the dropout runs</source>
        <translation>드롭아웃 실행의 드롭아웃 비율</translation>
    </message>
    <message>
        <source>dropout %1</source>
        <translation>드롭아웃 %1</translation>
    </message>
    <message>
        <source>The network has no dropout layer: each run puts one after every hidden layer (rate 0 is the network without dropout).</source>
        <translation>네트워크에 드롭아웃 레이어가 없습니다: 각 실행은 모든 은닉층 뒤에 하나씩 넣습니다 (비율 0은 드롭아웃이 없는 네트워크와 같습니다).</translation>
    </message>
    <message>
        <source>n = %1</source>
        <translation>n = %1</translation>
    </message>
    <message>
        <source>Each run trains on the first n of the training samples; the test set is the same for every run.</source>
        <translation>각 실행은 훈련 샘플 중 처음 n개로 학습합니다. 테스트 세트는 모든 실행에서 같습니다.</translation>
    </message>
    <message>
        <source>label noise %1</source>
        <translation>레이블 잡음 %1</translation>
    </message>
    <message>
        <source>Dense ELU layers of these widths replace the hidden layers; the output layer stays. Bigger models start from other initial weights (their shapes differ).</source>
        <translation>이 너비의 Dense ELU 레이어가 은닉층을 대신하고 출력층은 그대로 둡니다. 모델 크기가 다르면 초기 가중치도 다릅니다 (모양이 다르므로).</translation>
    </message>
    <message>
        <source>no early stopping</source>
        <translation>조기 종료 없음</translation>
    </message>
    <message>
        <source>early stopping (%1, patience %2)</source>
        <translation>조기 종료 (%1, patience %2)</translation>
    </message>
    <message>
        <source>With the experiment&apos;s early-stopping settings (Stopping tab).</source>
        <translation>실험의 조기 종료 설정(중지 탭)을 씁니다.</translation>
    </message>
    <message>
        <source>The experiment has no early stopping: the second run stops once %1 has not improved for 10 epochs and restores the best weights.</source>
        <translation>실험에 조기 종료가 없습니다: 두 번째 실행은 %1이(가) 10 에포크 동안 나아지지 않으면 멈추고 최적 가중치를 복원합니다.</translation>
    </message>
    <message>
        <source>L2 %1 + dropout %2</source>
        <translation>L2 %1 + 드롭아웃 %2</translation>
    </message>
    <message>
        <source>L2 on every dense kernel, dropout after every hidden layer, and both: the tutorial&apos;s last comparison.</source>
        <translation>모든 Dense 커널에 L2, 모든 은닉층 뒤에 드롭아웃, 그리고 둘 다: 튜토리얼의 마지막 비교입니다.</translation>
    </message>
    <message>
        <source>Tiny</source>
        <translation>Tiny</translation>
    </message>
    <message>
        <source>Small</source>
        <translation>Small</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Medium</translation>
    </message>
    <message>
        <source>Large</source>
        <translation>Large</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Conv layers only</source>
        <translation>합성곱 레이어만</translation>
    </message>
    <message>
        <source>Dense layers only</source>
        <translation>Dense 레이어만</translation>
    </message>
    <message>
        <source>Every run starts from the same initial weights: only the training-set size differs (and with it the batches).</source>
        <translation>모든 실행은 같은 초기 가중치에서 출발합니다. 훈련 세트 크기만 다릅니다 (그에 따라 배치도 다릅니다).</translation>
    </message>
    <message>
        <source>Every run starts from the same initial weights and sees the same batches: only the share of wrong training labels differs.</source>
        <translation>모든 실행은 같은 초기 가중치에서 출발하고 같은 배치를 봅니다. 잘못된 훈련 레이블의 비율만 다릅니다.</translation>
    </message>
    <message>
        <source>The models differ in size, so their initial weights differ too; the data and the order of the batches are the same.</source>
        <translation>모델 크기가 다르므로 초기 가중치도 다릅니다. 데이터와 배치 순서는 같습니다.</translation>
    </message>
    <message>
        <source>Every run starts from the same initial weights and sees the same batches: only the dropout rate differs.</source>
        <translation>모든 실행은 같은 초기 가중치에서 출발하고 같은 배치를 봅니다. 드롭아웃 비율만 다릅니다.</translation>
    </message>
    <message>
        <source>Every run starts from the same initial weights and sees the same batches: only whether early stopping ends the run differs.</source>
        <translation>모든 실행은 같은 초기 가중치에서 출발하고 같은 배치를 봅니다. 조기 종료가 실행을 끝내는지만 다릅니다.</translation>
    </message>
</context>
<context>
    <name>reglab::ui::CompareSummaryTable</name>
    <message>
        <source>Click a header to sort; Ctrl+C copies the selected rows (or all) as tab-separated text</source>
        <translation>머리글을 클릭하면 정렬합니다. Ctrl+C는 선택한 행(또는 전체)을 탭으로 구분한 텍스트로 복사합니다</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>λ</source>
        <translation>λ</translation>
    </message>
    <message>
        <source>Final train
R²</source>
        <translation>최종 훈련
R²</translation>
    </message>
    <message>
        <source>Final train
acc (%)</source>
        <translation>최종 훈련
정확도 (%)</translation>
    </message>
    <message>
        <source>Final test
R²</source>
        <translation>최종 테스트
R²</translation>
    </message>
    <message>
        <source>Final test
acc (%)</source>
        <translation>최종 테스트
정확도 (%)</translation>
    </message>
    <message>
        <source>Best test
R²</source>
        <translation>최고 테스트
R²</translation>
    </message>
    <message>
        <source>Best test
acc (%)</source>
        <translation>최고 테스트
정확도 (%)</translation>
    </message>
    <message>
        <source>Best
epoch</source>
        <translation>최고
에포크</translation>
    </message>
    <message>
        <source>Final test
loss</source>
        <translation>최종 테스트
손실</translation>
    </message>
    <message>
        <source>Penalty</source>
        <translation>페널티</translation>
    </message>
    <message>
        <source>Sparsity
(%)</source>
        <translation>희소성
(%)</translation>
    </message>
    <message>
        <source>‖W‖</source>
        <translation>‖W‖</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>상태</translation>
    </message>
    <message>
        <source>Share of kernel weights with |w| &lt; 0.001, over every layer</source>
        <translation>모든 레이어에서 |w| &lt; 0.001인 커널 가중치의 비율</translation>
    </message>
    <message>
        <source>√(Σ w²) over every kernel</source>
        <translation>모든 커널에 대한 √(Σ w²)</translation>
    </message>
    <message>
        <source>Every layer&apos;s penalty terms at the end (the reg loss)</source>
        <translation>마지막 시점의 모든 레이어 페널티 항 (정규화 손실)</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>대기 중</translation>
    </message>
</context>
<context>
    <name>reglab::ui::CompareWeightsView</name>
    <message>
        <source>The layer shown in every run</source>
        <translation>모든 실행에서 보여 줄 층</translation>
    </message>
    <message>
        <source>Bias histograms over time</source>
        <translation>시간에 따른 편향 히스토그램</translation>
    </message>
    <message>
        <source>Weight histograms over time</source>
        <translation>시간에 따른 가중치 히스토그램</translation>
    </message>
    <message>
        <source>Bias distributions over time</source>
        <translation>시간에 따른 편향 분포</translation>
    </message>
    <message>
        <source>Weight distributions over time</source>
        <translation>시간에 따른 가중치 분포</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>reglab::ui::CompareWindow</name>
    <message>
        <source>Compare regularization — %1</source>
        <translation>정규화 비교 — %1</translation>
    </message>
    <message>
        <source>Choose what varies, then press Run.</source>
        <translation>무엇을 바꿀지 고른 다음 실행을 누르세요.</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>취소</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>실행 목록</translation>
    </message>
    <message>
        <source>Export bundle…</source>
        <translation>묶음 내보내기…</translation>
    </message>
    <message>
        <source>Write the experiment, the variants, every run&apos;s metrics and weights, the summary and every plot to a folder</source>
        <translation>실험, 변형, 모든 실행의 지표와 가중치, 요약, 모든 그래프를 폴더에 씁니다</translation>
    </message>
    <message>
        <source>The runs are still going.</source>
        <translation>실행이 아직 진행 중입니다.</translation>
    </message>
    <message>
        <source>Nothing to run.</source>
        <translation>실행할 것이 없습니다.</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 불러오는 중…</translation>
    </message>
    <message>
        <source>%v/%m</source>
        <translation>%v/%m</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>대기 중</translation>
    </message>
    <message>
        <source>Cancel this run</source>
        <translation>이 실행 취소</translation>
    </message>
    <message>
        <source>Running %1 runs on %2 (%3 train / %4 test samples), up to %5 at a time…</source>
        <translation>%2에서 실행 %1개 진행 중 (훈련 %3개 / 테스트 %4개 샘플), 한 번에 최대 %5개…</translation>
    </message>
    <message>
        <source>predicts the same value for every input: the penalty outweighs the data loss</source>
        <translation>모든 입력에 같은 값을 예측합니다: 페널티가 데이터 손실을 압도합니다</translation>
    </message>
    <message>
        <source>predicts one class for every input: the penalty outweighs the data loss</source>
        <translation>모든 입력에 한 클래스만 예측합니다: 페널티가 데이터 손실을 압도합니다</translation>
    </message>
    <message>
        <source>Running, epoch %1/%2</source>
        <translation>실행 중, 에포크 %1/%2</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>Cancelled at epoch %1</source>
        <translation>에포크 %1에서 취소됨</translation>
    </message>
    <message>
        <source>Diverged: %1</source>
        <translation>발산함: %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>실패: %1</translation>
    </message>
    <message>
        <source>Finished %1 of %2 runs in %3 s.</source>
        <translation>실행 %2개 중 %1개를 %3초 만에 마쳤습니다.</translation>
    </message>
    <message>
        <source>Collapsed (over-regularized): %1.</source>
        <translation>붕괴 (과잉 정규화): %1.</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>취소하는 중…</translation>
    </message>
    <message>
        <source>%1: the runs are still going; wait for them or cancel them first</source>
        <translation>%1: 실행이 아직 진행 중입니다. 끝날 때까지 기다리거나 먼저 취소하세요</translation>
    </message>
    <message>
        <source>%1: nothing to export; run the comparison first</source>
        <translation>%1: 내보낼 것이 없습니다. 먼저 비교를 실행하세요</translation>
    </message>
    <message>
        <source>Exported %1 files to %2</source>
        <translation>파일 %1개를 %2(으)로 내보냈습니다</translation>
    </message>
    <message>
        <source>Export comparison bundle to folder</source>
        <translation>비교 묶음을 폴더로 내보내기</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>내보내기 실패</translation>
    </message>
    <message>
        <source>Collapsed (over-regularized)</source>
        <translation>붕괴 (과잉 정규화)</translation>
    </message>
    <message>
        <source>Collapsed (over-regularized): %1. Such a run %2.</source>
        <translation>붕괴 (과잉 정규화): %1. 이런 실행은 %2.</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>실행 중</translation>
    </message>
    <message>
        <source>Collapsed</source>
        <translation>붕괴</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>취소됨</translation>
    </message>
    <message>
        <source>Diverged</source>
        <translation>발산함</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>Compare finished runs — %1</source>
        <translation>끝난 실행 비교 — %1</translation>
    </message>
    <message numerus="yes">
        <source>Showing %n finished run(s) read from their folders.</source>
        <translation>
            <numerusform>폴더에서 읽은 끝난 실행 %n개를 보여 줍니다.</numerusform>
        </translation>
    </message>
    <message>
        <source>The data set could not be loaded, so the table stays empty: %1</source>
        <translation>데이터셋을 불러올 수 없어 표가 비어 있습니다: %1</translation>
    </message>
    <message>
        <source>Curves and histograms</source>
        <translation>곡선과 히스토그램</translation>
    </message>
    <message>
        <source>Weights over time</source>
        <translation>시간에 따른 가중치</translation>
    </message>
    <message>
        <source>%1. %2: validation %3, test %4 (epoch %5)</source>
        <translation>%1. %2: 검증 %3, 테스트 %4 (에포크 %5)</translation>
    </message>
    <message>
        <source>Ranked by validation %1 (each run at its best validation epoch; the test numbers are reported, not used to choose): %2</source>
        <translation>검증 %1 순위 (각 실행의 최고 검증 에포크 기준; 테스트 숫자는 보고만 하고 선택에 쓰지 않습니다): %2</translation>
    </message>
    <message>
        <source>R²</source>
        <translation>R²</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>정확도</translation>
    </message>
</context>
<context>
    <name>reglab::ui::ConvFilterView</name>
    <message>
        <source>Conv filters (each layer on its own ± scale)</source>
        <translation>합성곱 필터 (레이어마다 각자의 ± 눈금)</translation>
    </message>
    <message>
        <source>The filters appear when training starts</source>
        <translation>훈련을 시작하면 필터가 나타납니다</translation>
    </message>
    <message>
        <source>The filters are shown for networks with conv layers on image data</source>
        <translation>필터는 이미지 데이터에서 합성곱 레이어가 있는 네트워크에 표시됩니다</translation>
    </message>
    <message>
        <source>%1 · %2 filters %3×%4 × %5 input channels</source>
        <translation>%1 · 필터 %2개 %3×%4 × 입력 채널 %5개</translation>
    </message>
    <message>
        <source>%1 · %2 filters %3×%4, mean of %5 input channels</source>
        <translation>%1 · 필터 %2개 %3×%4, 입력 채널 %5개의 평균</translation>
    </message>
    <message>
        <source> (the first %1)</source>
        <translation> (처음 %1개)</translation>
    </message>
</context>
<context>
    <name>reglab::ui::DatasetPanel</name>
    <message>
        <source>IDX files…</source>
        <translation>IDX 파일…</translation>
    </message>
    <message>
        <source>MNIST-format image and label files</source>
        <translation>MNIST 형식의 이미지 파일과 레이블 파일</translation>
    </message>
    <message>
        <source>CSV file…</source>
        <translation>CSV 파일…</translation>
    </message>
    <message>
        <source>Numeric columns with a header row; one column is the target</source>
        <translation>머리글 행이 있는 숫자 열. 그중 한 열이 목표값입니다</translation>
    </message>
    <message>
        <source>&amp;Data set:</source>
        <translation>데이터 세트(&amp;D):</translation>
    </message>
    <message>
        <source>Points generated for a synthetic 2-D set (train + test)</source>
        <translation>합성 2차원 세트에 생성할 점의 수 (훈련 + 테스트)</translation>
    </message>
    <message>
        <source>&amp;Samples:</source>
        <translation>샘플 수(&amp;S):</translation>
    </message>
    <message>
        <source>&amp;Noise:</source>
        <translation>잡음(&amp;N):</translation>
    </message>
    <message>
        <source>Share of the samples held out for testing</source>
        <translation>테스트용으로 떼어 두는 샘플의 비율</translation>
    </message>
    <message>
        <source>&amp;Test fraction:</source>
        <translation>테스트 비율(&amp;T):</translation>
    </message>
    <message>
        <source>all</source>
        <translation>전체</translation>
    </message>
    <message>
        <source>&amp;Use at most:</source>
        <translation>최대 사용(&amp;U):</translation>
    </message>
    <message>
        <source>No data loaded</source>
        <translation>불러온 데이터 없음</translation>
    </message>
    <message>
        <source>Change samples</source>
        <translation>샘플 수 변경</translation>
    </message>
    <message>
        <source>Change noise</source>
        <translation>잡음 변경</translation>
    </message>
    <message>
        <source>Change test fraction</source>
        <translation>테스트 비율 변경</translation>
    </message>
    <message>
        <source>Change sample limit</source>
        <translation>샘플 한도 변경</translation>
    </message>
    <message>
        <source>Images: %1
Labels: %2</source>
        <translation>이미지: %1
레이블: %2</translation>
    </message>
    <message>
        <source>
Test images: %1
Test labels: %2</source>
        <translation>
테스트 이미지: %1
테스트 레이블: %2</translation>
    </message>
    <message>
        <source>File: %1
Target column: %2</source>
        <translation>파일: %1
목표 열: %2</translation>
    </message>
    <message>
        <source>Training images (IDX)</source>
        <translation>훈련 이미지 (IDX)</translation>
    </message>
    <message>
        <source>IDX files (*-ubyte *.idx *.gz *.idx3-ubyte);;All files (*)</source>
        <translation>IDX 파일 (*-ubyte *.idx *.gz *.idx3-ubyte);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Training labels (IDX)</source>
        <translation>훈련 레이블 (IDX)</translation>
    </message>
    <message>
        <source>IDX files (*-ubyte *.idx *.gz *.idx1-ubyte);;All files (*)</source>
        <translation>IDX 파일 (*-ubyte *.idx *.gz *.idx1-ubyte);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>CSV data file</source>
        <translation>CSV 데이터 파일</translation>
    </message>
    <message>
        <source>CSV files (*.csv);;All files (*)</source>
        <translation>CSV 파일 (*.csv);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>%1: no header row with column names</source>
        <translation>%1: 열 이름이 있는 머리글 행이 없습니다</translation>
    </message>
    <message>
        <source>Target column</source>
        <translation>목표 열</translation>
    </message>
    <message>
        <source>Column holding the label or target:</source>
        <translation>레이블이나 목표값이 든 열:</translation>
    </message>
    <message>
        <source>Choose data set %1</source>
        <translation>데이터 세트 %1 선택</translation>
    </message>
    <message>
        <source>Choose IDX files</source>
        <translation>IDX 파일 선택</translation>
    </message>
    <message>
        <source>Choose CSV file</source>
        <translation>CSV 파일 선택</translation>
    </message>
    <message>
        <source>%1 · %2 train / %3 test</source>
        <translation>%1 · 훈련 %2개 / 테스트 %3개</translation>
    </message>
    <message>
        <source> · regression</source>
        <translation> · 회귀</translation>
    </message>
    <message numerus="yes">
        <source> · %n classes</source>
        <translation>
            <numerusform> · 클래스 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source> · %1×%2 images</source>
        <translation> · %1×%2 이미지</translation>
    </message>
    <message numerus="yes">
        <source>No preview for %n input features</source>
        <translation>
            <numerusform>입력 특성 %n개는 미리 보기가 없습니다</numerusform>
        </translation>
    </message>
    <message>
        <source>● train   ○ test   colour = class</source>
        <translation>● 훈련   ○ 테스트   색 = 클래스</translation>
    </message>
    <message>
        <source>● train   ○ test</source>
        <translation>● 훈련   ○ 테스트</translation>
    </message>
    <message numerus="yes">
        <source>The first %n training images with their labels</source>
        <translation>
            <numerusform>처음 훈련 이미지 %n개와 레이블</numerusform>
        </translation>
    </message>
    <message>
        <source>Use at most this many samples of a file or image set (0: all)</source>
        <translation>파일이나 이미지 세트에서 최대 이만큼의 샘플만 사용합니다 (0: 전부)</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>불러오는 중…</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>데이터 세트</translation>
    </message>
    <message>
        <source>NumPy .npz file…</source>
        <translation>NumPy .npz 파일…</translation>
    </message>
    <message>
        <source>Arrays x_train, y_train, x_test and y_test, as reglab-cli export-code writes them in data.npz</source>
        <translation>배열 x_train, y_train, x_test, y_test (reglab-cli export-code가 data.npz에 쓰는 그대로)</translation>
    </message>
    <message>
        <source>
Test file: %1</source>
        <translation>
테스트 파일: %1</translation>
    </message>
    <message>
        <source>File: %1 (x_train, y_train, x_test, y_test)</source>
        <translation>파일: %1 (x_train, y_train, x_test, y_test)</translation>
    </message>
    <message>
        <source>CSV test data</source>
        <translation>CSV 테스트 데이터</translation>
    </message>
    <message>
        <source>Is there a separate CSV file with the test samples (the same columns)?

No: the test samples are held out from this file.</source>
        <translation>테스트 샘플을 담은 별도의 CSV 파일(같은 열)이 있습니까?

아니요: 이 파일에서 테스트 샘플을 떼어 냅니다.</translation>
    </message>
    <message>
        <source>CSV test file</source>
        <translation>CSV 테스트 파일</translation>
    </message>
    <message>
        <source>NumPy data file</source>
        <translation>NumPy 데이터 파일</translation>
    </message>
    <message>
        <source>NumPy archives (*.npz);;All files (*)</source>
        <translation>NumPy 아카이브 (*.npz);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Choose NumPy file</source>
        <translation>NumPy 파일 선택</translation>
    </message>
    <message>
        <source>Noise added to a synthetic set: more noise, more to overfit (the slider goes to 1, type up to 10)</source>
        <translation>합성 데이터에 더하는 잡음: 잡음이 많을수록 과적합할 거리가 많아집니다 (슬라이더는 1까지, 입력은 10까지)</translation>
    </message>
    <message>
        <source>Share of the training part held out as a validation set (0: none): choose λ or stop early on it, and keep the test set for the final check. Validation labels stay clean.</source>
        <translation>훈련 부분에서 검증 세트로 떼어 두는 비율 (0: 없음): 검증 세트로 λ를 고르거나 조기 종료하고, 테스트 세트는 마지막 확인용으로 남겨 둡니다. 검증 레이블은 깨끗하게 유지됩니다.</translation>
    </message>
    <message>
        <source>&amp;Validation:</source>
        <translation>검증 비율(&amp;V):</translation>
    </message>
    <message>
        <source>Train on this many of the training samples (all: every one); the test set stays as it is. Less data, more overfitting.</source>
        <translation>훈련 샘플 중 이만큼으로 학습합니다 (all: 전부). 테스트 세트는 그대로입니다. 데이터가 적을수록 과적합이 심해집니다.</translation>
    </message>
    <message>
        <source>T&amp;raining samples:</source>
        <translation>훈련 샘플 수(&amp;R):</translation>
    </message>
    <message>
        <source>Share of training labels replaced by a different class, chosen under the seed (exactly that many); test and validation labels stay clean</source>
        <translation>다른 클래스로 바꾸는 훈련 레이블의 비율 (시드로 정확히 그 개수를 고름). 테스트와 검증 레이블은 깨끗하게 유지됩니다</translation>
    </message>
    <message>
        <source>&amp;Label noise:</source>
        <translation>레이블 잡음(&amp;L):</translation>
    </message>
    <message>
        <source>Re&amp;generate</source>
        <translation>다시 생성(&amp;G)</translation>
    </message>
    <message>
        <source>Draws the data again with the next seed (the run bar&apos;s Seed + 1): new samples, split and label noise. One seed drives everything, so the initial weights and the batch order change too and the run restarts. Undo brings the old data back.</source>
        <translation>다음 시드(실행 막대의 시드 + 1)로 데이터를 다시 뽑습니다: 새 샘플, 분할, 레이블 잡음. 시드 하나가 모든 것을 정하므로 초기 가중치와 배치 순서도 바뀌고 실행이 처음부터 시작됩니다. 실행 취소하면 이전 데이터로 돌아갑니다.</translation>
    </message>
    <message>
        <source>Change validation share</source>
        <translation>검증 비율 변경</translation>
    </message>
    <message>
        <source>Change training samples</source>
        <translation>훈련 샘플 수 변경</translation>
    </message>
    <message>
        <source>Change label noise</source>
        <translation>레이블 잡음 변경</translation>
    </message>
    <message>
        <source>Label noise applies to classification only</source>
        <translation>레이블 잡음은 분류에만 적용됩니다</translation>
    </message>
    <message>
        <source>Regenerate data</source>
        <translation>데이터 다시 생성</translation>
    </message>
    <message>
        <source>%1 · %2 train / %3 validation / %4 test</source>
        <translation>%1 · 훈련 %2 / 검증 %3 / 테스트 %4</translation>
    </message>
</context>
<context>
    <name>reglab::ui::DatasetText</name>
    <message>
        <source>2-D, inner disk vs outer ring, radius 5</source>
        <translation>2차원, 안쪽 원판 대 바깥 고리, 반지름 5</translation>
    </message>
    <message>
        <source>2-D, sign of x1 * x2 on [-5.3, 5.3]^2</source>
        <translation>2차원, [-5.3, 5.3]^2에서 x1 * x2의 부호</translation>
    </message>
    <message>
        <source>2-D, two gaussian blobs at (-2,-2) and (2,2)</source>
        <translation>2차원, (-2,-2)와 (2,2)에 있는 가우스 덩어리 두 개</translation>
    </message>
    <message>
        <source>2-D, two interleaved spirals, radius 5</source>
        <translation>2차원, 서로 맞물린 나선 두 개, 반지름 5</translation>
    </message>
    <message>
        <source>2-D, two interleaved half moons</source>
        <translation>2차원, 서로 맞물린 반달 두 개</translation>
    </message>
    <message>
        <source>2-D, linear target (x1 + x2) / 10 on [-6, 6]^2</source>
        <translation>2차원, [-6, 6]^2에서 선형 목표값 (x1 + x2) / 10</translation>
    </message>
    <message>
        <source>2-D, sum of six signed gaussian bumps on [-6, 6]^2</source>
        <translation>2차원, [-6, 6]^2에서 부호 있는 가우스 봉우리 여섯 개의 합</translation>
    </message>
    <message>
        <source>28x28 handwritten digits, 10 classes: the first 10,000 MNIST training images, embedded</source>
        <translation>28x28 손글씨 숫자, 10개 클래스: MNIST 학습 이미지 중 처음 10,000개, 내장</translation>
    </message>
    <message>
        <source>28x28 clothing images, 10 classes, 60,000 train + 10,000 test</source>
        <translation>28x28 의류 이미지, 10개 클래스, 학습 60,000개 + 테스트 10,000개</translation>
    </message>
    <message>
        <source>install Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist)</source>
        <translation>Debian 패키지 dataset-fashion-mnist를 설치하세요 (apt-get install dataset-fashion-mnist)</translation>
    </message>
    <message>
        <source>ring</source>
        <translation>고리</translation>
    </message>
    <message>
        <source>disk</source>
        <translation>원판</translation>
    </message>
    <message>
        <source>blob (-2,-2)</source>
        <translation>덩어리 (-2,-2)</translation>
    </message>
    <message>
        <source>blob (2,2)</source>
        <translation>덩어리 (2,2)</translation>
    </message>
    <message>
        <source>arm A</source>
        <translation>나선 A</translation>
    </message>
    <message>
        <source>arm B</source>
        <translation>나선 B</translation>
    </message>
    <message>
        <source>upper moon</source>
        <translation>위쪽 반달</translation>
    </message>
    <message>
        <source>lower moon</source>
        <translation>아래쪽 반달</translation>
    </message>
    <message>
        <source>T-shirt/top</source>
        <translation>티셔츠/상의</translation>
    </message>
    <message>
        <source>Trouser</source>
        <translation>바지</translation>
    </message>
    <message>
        <source>Pullover</source>
        <translation>풀오버</translation>
    </message>
    <message>
        <source>Dress</source>
        <translation>드레스</translation>
    </message>
    <message>
        <source>Coat</source>
        <translation>코트</translation>
    </message>
    <message>
        <source>Sandal</source>
        <translation>샌들</translation>
    </message>
    <message>
        <source>Shirt</source>
        <translation>셔츠</translation>
    </message>
    <message>
        <source>Sneaker</source>
        <translation>운동화</translation>
    </message>
    <message>
        <source>Bag</source>
        <translation>가방</translation>
    </message>
    <message>
        <source>Ankle boot</source>
        <translation>앵클부츠</translation>
    </message>
</context>
<context>
    <name>reglab::ui::DecisionPlot</name>
    <message>
        <source>x₁</source>
        <translation>x₁</translation>
    </message>
    <message>
        <source>x₂</source>
        <translation>x₂</translation>
    </message>
    <message>
        <source>The decision map is shown for 2-D data sets</source>
        <translation>결정 지도는 2차원 데이터 세트에서 표시됩니다</translation>
    </message>
    <message>
        <source>Prediction over the input plane</source>
        <translation>입력 평면 위의 예측</translation>
    </message>
    <message>
        <source>Decision boundary</source>
        <translation>결정 경계</translation>
    </message>
    <message>
        <source>prediction</source>
        <translation>예측</translation>
    </message>
    <message>
        <source>P(class 1)</source>
        <translation>P(클래스 1)</translation>
    </message>
    <message>
        <source>predicted class</source>
        <translation>예측 클래스</translation>
    </message>
    <message>
        <source>class %1</source>
        <translation>클래스 %1</translation>
    </message>
    <message>
        <source>%1 (train)</source>
        <translation>%1 (훈련)</translation>
    </message>
    <message>
        <source>train</source>
        <translation>훈련</translation>
    </message>
    <message>
        <source>%1 (test)</source>
        <translation>%1 (테스트)</translation>
    </message>
    <message>
        <source>test</source>
        <translation>테스트</translation>
    </message>
</context>
<context>
    <name>reglab::ui::EarlyStoppingPanel</name>
    <message>
        <source>validation data loss (%1)</source>
        <translation>검증 데이터 손실 (%1)</translation>
    </message>
    <message>
        <source>validation accuracy (%1)</source>
        <translation>검증 정확도 (%1)</translation>
    </message>
    <message>
        <source>test data loss (%1)</source>
        <translation>테스트 데이터 손실 (%1)</translation>
    </message>
    <message>
        <source>test accuracy (%1)</source>
        <translation>테스트 정확도 (%1)</translation>
    </message>
    <message>
        <source>training data loss (%1)</source>
        <translation>훈련 데이터 손실 (%1)</translation>
    </message>
    <message>
        <source>training accuracy (%1)</source>
        <translation>훈련 정확도 (%1)</translation>
    </message>
    <message>
        <source>total loss with the penalty (%1)</source>
        <translation>페널티를 포함한 전체 손실 (%1)</translation>
    </message>
    <message>
        <source>&amp;Stop early when the watched metric stops improving</source>
        <translation>지켜보는 지표가 나아지지 않으면 일찍 멈추기(&amp;S)</translation>
    </message>
    <message>
        <source>training.early_stopping: Keras&apos;s EarlyStopping callback. Without it every epoch up to Epochs is trained.</source>
        <translation>training.early_stopping: Keras의 EarlyStopping 콜백. 없으면 에포크 수까지 모두 학습합니다.</translation>
    </message>
    <message>
        <source>Early stopping</source>
        <translation>조기 종료</translation>
    </message>
    <message>
        <source>The metric watched after each epoch. The data loss leaves the penalty out on purpose: the total would reward shrinking weights, not fitting the data.</source>
        <translation>매 에포크 뒤에 지켜보는 지표. 데이터 손실은 일부러 페널티를 뺍니다: 전체 손실은 데이터에 맞추는 것보다 가중치를 줄이는 것에 보상을 주기 때문입니다.</translation>
    </message>
    <message>
        <source>&amp;Watch</source>
        <translation>지켜볼 지표(&amp;W)</translation>
    </message>
    <message>
        <source>Epochs in a row without improvement before training stops (0: stop at the first epoch that does not improve)</source>
        <translation>학습을 멈추기 전까지 나아지지 않는 에포크가 연속으로 몇 번 허용되는지 (0: 나아지지 않는 첫 에포크에서 멈춤)</translation>
    </message>
    <message>
        <source>&amp;Patience</source>
        <translation>인내(&amp;P)</translation>
    </message>
    <message>
        <source>An epoch counts as an improvement only when it beats the best so far by more than this</source>
        <translation>지금까지의 최적보다 이 값보다 크게 나아져야 개선으로 칩니다</translation>
    </message>
    <message>
        <source>&amp;Min delta</source>
        <translation>최소 변화(&amp;M)</translation>
    </message>
    <message>
        <source>The first epochs are not watched (a warm-up)</source>
        <translation>처음 몇 에포크는 지켜보지 않습니다 (워밍업)</translation>
    </message>
    <message>
        <source>S&amp;tart from epoch</source>
        <translation>시작 에포크(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Restore the best epoch&apos;s weights</source>
        <translation>최적 에포크의 가중치 복원(&amp;R)</translation>
    </message>
    <message>
        <source>When it stops, put back the weights of the best epoch (Keras&apos;s restore_best_weights); otherwise the last epoch&apos;s weights stay</source>
        <translation>멈출 때 최적 에포크의 가중치를 되돌립니다 (Keras의 restore_best_weights). 끄면 마지막 에포크의 가중치가 남습니다</translation>
    </message>
    <message>
        <source>Switch early stopping on</source>
        <translation>조기 종료 켜기</translation>
    </message>
    <message>
        <source>Switch early stopping off</source>
        <translation>조기 종료 끄기</translation>
    </message>
    <message>
        <source>Change early stopping metric</source>
        <translation>조기 종료 지표 변경</translation>
    </message>
    <message>
        <source>Change patience</source>
        <translation>인내 변경</translation>
    </message>
    <message>
        <source>Change min delta</source>
        <translation>최소 변화 변경</translation>
    </message>
    <message>
        <source>Change start epoch</source>
        <translation>시작 에포크 변경</translation>
    </message>
    <message>
        <source>Change restore best weights</source>
        <translation>최적 가중치 복원 변경</translation>
    </message>
    <message>
        <source>Stops at the first epoch where %1 does not improve by more than %2</source>
        <translation>%1이(가) %2보다 크게 나아지지 않는 첫 에포크에서 멈춥니다</translation>
    </message>
    <message>
        <source>Stops once %1 has not improved by more than %2 for %3 epochs in a row</source>
        <translation>%1이(가) %3 에포크 연속으로 %2보다 크게 나아지지 않으면 멈춥니다</translation>
    </message>
    <message>
        <source>, watching from epoch %1 on</source>
        <translation>, 에포크 %1부터 지켜봅니다</translation>
    </message>
    <message>
        <source>; then puts the best epoch&apos;s weights back.</source>
        <translation>; 그런 다음 최적 에포크의 가중치를 되돌립니다.</translation>
    </message>
    <message>
        <source>; the last epoch&apos;s weights stay.</source>
        <translation>; 마지막 에포크의 가중치가 남습니다.</translation>
    </message>
    <message>
        <source>Validation split: %1% of the training data is held out (change it in the Data tab).</source>
        <translation>검증 분할: 훈련 데이터의 %1%를 떼어 둡니다 (데이터 탭에서 바꿉니다).</translation>
    </message>
    <message>
        <source>No validation split: set a validation share in the Data tab to watch validation metrics instead of the test set, so the test numbers stay an honest final check.</source>
        <translation>검증 분할이 없습니다: 데이터 탭에서 검증 비율을 정하면 테스트 세트 대신 검증 지표를 지켜볼 수 있고, 테스트 숫자는 정직한 마지막 확인으로 남습니다.</translation>
    </message>
    <message>
        <source>Early stopping is a regularizer too: it ends training before the network fits the noise of the training data.</source>
        <translation>조기 종료도 정규화입니다: 네트워크가 훈련 데이터의 잡음에 맞추기 전에 학습을 끝냅니다.</translation>
    </message>
</context>
<context>
    <name>reglab::ui::FeatureMapView</name>
    <message>
        <source>Feature maps of one test image (each layer on its own ± scale)</source>
        <translation>테스트 이미지 하나의 특성 맵 (레이어마다 각자의 ± 눈금)</translation>
    </message>
    <message>
        <source>Test image</source>
        <translation>테스트 이미지</translation>
    </message>
    <message>
        <source>Which test image goes through the network (its index)</source>
        <translation>네트워크에 통과시킬 테스트 이미지 (번호)</translation>
    </message>
    <message>
        <source>The feature maps appear when training starts</source>
        <translation>훈련을 시작하면 특성 맵이 나타납니다</translation>
    </message>
    <message>
        <source>The feature maps are shown for networks with conv layers on image data</source>
        <translation>특성 맵은 이미지 데이터에서 합성곱 레이어가 있는 네트워크에 표시됩니다</translation>
    </message>
    <message>
        <source>, label %1</source>
        <translation>, 레이블 %1</translation>
    </message>
    <message>
        <source>test image %1%2 · %3</source>
        <translation>테스트 이미지 %1%2 · %3</translation>
    </message>
    <message>
        <source>%1 (conv) · %2</source>
        <translation>%1 (합성곱) · %2</translation>
    </message>
    <message>
        <source>%1 (max-pool) · %2</source>
        <translation>%1 (최대 풀링) · %2</translation>
    </message>
    <message>
        <source> (the first %1 channels)</source>
        <translation> (처음 %1개 채널)</translation>
    </message>
</context>
<context>
    <name>reglab::ui::HistogramPlot</name>
    <message>
        <source>Overlay epoch 0</source>
        <translation>0 에포크 겹쳐 보기</translation>
    </message>
    <message>
        <source>Draw the initial weight distribution as an outline</source>
        <translation>처음 가중치 분포를 윤곽선으로 그립니다</translation>
    </message>
    <message>
        <source>Weight histograms</source>
        <translation>가중치 히스토그램</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>가중치</translation>
    </message>
    <message>
        <source>count</source>
        <translation>개수</translation>
    </message>
    <message>
        <source>epoch 0</source>
        <translation>0 에포크</translation>
    </message>
    <message>
        <source>current</source>
        <translation>현재</translation>
    </message>
    <message>
        <source>|w|&lt;1e-3: %1%
‖W‖₂ = %2</source>
        <translation>|w|&lt;1e-3: %1%
‖W‖₂ = %2</translation>
    </message>
    <message>
        <source>Weight distributions over time</source>
        <translation>시간에 따른 가중치 분포</translation>
    </message>
    <message>
        <source>Bias distributions over time</source>
        <translation>시간에 따른 편향 분포</translation>
    </message>
    <message>
        <source>Bias histograms over time</source>
        <translation>시간에 따른 편향 히스토그램</translation>
    </message>
    <message>
        <source>Weight histograms over time</source>
        <translation>시간에 따른 가중치 히스토그램</translation>
    </message>
</context>
<context>
    <name>reglab::ui::LayerInspector</name>
    <message>
        <source>Select a layer in the network editor to see and change its units, activation and regularization.</source>
        <translation>네트워크 편집기에서 레이어를 선택하면 유닛, 활성화 함수, 정규화를 보고 바꿀 수 있습니다.</translation>
    </message>
    <message>
        <source>1-64 letters, digits, &apos;_&apos; or &apos;-&apos;; unique in the network</source>
        <translation>영문자, 숫자, &apos;_&apos;, &apos;-&apos; 1-64자. 네트워크 안에서 고유해야 합니다</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>이름(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Units</source>
        <translation>유닛(&amp;U)</translation>
    </message>
    <message>
        <source>Linear (none)</source>
        <translation>선형 (없음)</translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>tanh</source>
        <translation>tanh</translation>
    </message>
    <message>
        <source>Sigmoid</source>
        <translation>시그모이드</translation>
    </message>
    <message>
        <source>&amp;Activation</source>
        <translation>활성화(&amp;A)</translation>
    </message>
    <message>
        <source>Change units</source>
        <translation>유닛 수 변경</translation>
    </message>
    <message>
        <source>Change activation</source>
        <translation>활성화 함수 변경</translation>
    </message>
    <message>
        <source>Kernel W (weights)</source>
        <translation>커널 W (가중치)</translation>
    </message>
    <message>
        <source>Bias b</source>
        <translation>편향 b</translation>
    </message>
    <message>
        <source>None</source>
        <translation>없음</translation>
    </message>
    <message>
        <source>L1 (lasso)</source>
        <translation>L1 (라소)</translation>
    </message>
    <message>
        <source>L2 (ridge / weight decay)</source>
        <translation>L2 (릿지 / 가중치 감쇠)</translation>
    </message>
    <message>
        <source>L1 + L2 (elastic net)</source>
        <translation>L1 + L2 (엘라스틱 넷)</translation>
    </message>
    <message>
        <source>Regularizer</source>
        <translation>정규화</translation>
    </message>
    <message>
        <source>L1 scale a</source>
        <translation>L1 계수 a</translation>
    </message>
    <message>
        <source>L2 scale b</source>
        <translation>L2 계수 b</translation>
    </message>
    <message>
        <source>Adds to loss</source>
        <translation>손실에 더해지는 항</translation>
    </message>
    <message>
        <source>nothing (not regularized)</source>
        <translation>없음 (정규화 안 함)</translation>
    </message>
    <message>
        <source>%1 · output layer (%2 of %3)</source>
        <translation>%1 · 출력 레이어 (%3개 중 %2번째)</translation>
    </message>
    <message>
        <source>%1 · layer %2 of %3</source>
        <translation>%1 · 레이어 (%3개 중 %2번째)</translation>
    </message>
    <message>
        <source>Set by the data set: one unit per class (or target)</source>
        <translation>데이터 세트가 정합니다: 클래스(또는 목표값)마다 유닛 하나</translation>
    </message>
    <message>
        <source>Number of neurons in this layer</source>
        <translation>이 레이어의 뉴런 수</translation>
    </message>
    <message>
        <source>The output layer is usually linear: the loss applies softmax or sigmoid</source>
        <translation>출력 레이어는 보통 선형입니다: 손실 함수가 소프트맥스나 시그모이드를 적용합니다</translation>
    </message>
    <message>
        <source>Bias b (this layer has no bias)</source>
        <translation>편향 b (이 레이어에는 편향이 없음)</translation>
    </message>
    <message>
        <source>L2 convention: &lt;b&gt;%1&lt;/b&gt; (change it in the run bar).&lt;br&gt;TF1 l2_regularizer(s) = s·ΣW²/2; Keras l2(s) = s·ΣW²</source>
        <translation>L2 규약: &lt;b&gt;%1&lt;/b&gt; (실행 막대에서 바꿉니다).&lt;br&gt;TF1 l2_regularizer(s) = s·ΣW²/2, Keras l2(s) = s·ΣW²</translation>
    </message>
    <message>
        <source>TF1 (½ Σ W²)</source>
        <translation>TF1 (½ Σ W²)</translation>
    </message>
    <message>
        <source>Keras (Σ W²)</source>
        <translation>Keras (Σ W²)</translation>
    </message>
    <message>
        <source>A layer needs a name.</source>
        <translation>레이어에는 이름이 필요합니다.</translation>
    </message>
    <message>
        <source>Another layer is already called “%1”.</source>
        <translation>“%1”(이)라는 레이어가 이미 있습니다.</translation>
    </message>
    <message>
        <source>Rename layer</source>
        <translation>레이어 이름 바꾸기</translation>
    </message>
    <message>
        <source>Change kernel regularizer</source>
        <translation>커널 정규화 변경</translation>
    </message>
    <message>
        <source>Change bias regularizer</source>
        <translation>편향 정규화 변경</translation>
    </message>
    <message>
        <source>Change kernel L1 scale</source>
        <translation>커널 L1 계수 변경</translation>
    </message>
    <message>
        <source>Change kernel L2 scale</source>
        <translation>커널 L2 계수 변경</translation>
    </message>
    <message>
        <source>Change bias L1 scale</source>
        <translation>편향 L1 계수 변경</translation>
    </message>
    <message>
        <source>Change bias L2 scale</source>
        <translation>편향 L2 계수 변경</translation>
    </message>
    <message>
        <source>Share of the values dropped while training, 0 to below 1 (Keras&apos;s Dropout(rate), PyTorch&apos;s nn.Dropout(p))</source>
        <translation>학습 중에 버리는 값의 비율, 0 이상 1 미만 (Keras의 Dropout(rate), PyTorch의 nn.Dropout(p))</translation>
    </message>
    <message>
        <source>&amp;Rate</source>
        <translation>비율(&amp;R)</translation>
    </message>
    <message>
        <source>Change dropout rate</source>
        <translation>드롭아웃 비율 변경</translation>
    </message>
    <message>
        <source>%1 · dropout (%2 of %3)</source>
        <translation>%1 · 드롭아웃 (%3개 중 %2번째)</translation>
    </message>
    <message>
        <source>While training, each value flowing into the next layer is kept with probability 1 − rate and scaled by 1/(1 − rate), so its expected value is unchanged; a new mask every step, drawn from the experiment&apos;s seed. At evaluation (every reported loss and accuracy) the layer passes values through unchanged, as Keras&apos;s evaluate() and PyTorch&apos;s model.eval().</source>
        <translation>학습 중에는 다음 레이어로 가는 각 값을 확률 1 − rate로 남기고 1/(1 − rate)배 하므로 기댓값이 그대로입니다. 마스크는 매 단계 실험의 시드에서 새로 뽑습니다. 평가할 때(보고되는 모든 손실과 정확도)는 Keras의 evaluate()와 PyTorch의 model.eval()처럼 값을 그대로 통과시킵니다.</translation>
    </message>
    <message>
        <source>Change filters</source>
        <translation>필터 수 변경</translation>
    </message>
    <message>
        <source>Height (rows, down)</source>
        <translation>높이 (행, 아래 방향)</translation>
    </message>
    <message>
        <source>Width (columns, across)</source>
        <translation>너비 (열, 가로 방향)</translation>
    </message>
    <message>
        <source>Output channels: one filter (and one feature map) each</source>
        <translation>출력 채널 수: 채널마다 필터 하나(와 특성 맵 하나)</translation>
    </message>
    <message>
        <source>&amp;Filters</source>
        <translation>필터(&amp;F)</translation>
    </message>
    <message>
        <source>Change window size</source>
        <translation>창 크기 변경</translation>
    </message>
    <message>
        <source>Kernel size</source>
        <translation>커널 크기</translation>
    </message>
    <message>
        <source>Change strides</source>
        <translation>스트라이드 변경</translation>
    </message>
    <message>
        <source>Strides</source>
        <translation>스트라이드</translation>
    </message>
    <message>
        <source>valid (no padding)</source>
        <translation>valid (패딩 없음)</translation>
    </message>
    <message>
        <source>same (zero padding, out = ⌈in / stride⌉)</source>
        <translation>same (0 패딩, 출력 = ⌈입력 / 스트라이드⌉)</translation>
    </message>
    <message>
        <source>&amp;Padding</source>
        <translation>패딩(&amp;P)</translation>
    </message>
    <message>
        <source>Change padding</source>
        <translation>패딩 변경</translation>
    </message>
    <message>
        <source>Glorot uniform</source>
        <translation>Glorot 균등</translation>
    </message>
    <message>
        <source>He normal</source>
        <translation>He 정규</translation>
    </message>
    <message>
        <source>Zeros</source>
        <translation>0</translation>
    </message>
    <message>
        <source>&amp;Initializer</source>
        <translation>초기화(&amp;I)</translation>
    </message>
    <message>
        <source>Change initializer</source>
        <translation>초기화 변경</translation>
    </message>
    <message>
        <source>Use a bias</source>
        <translation>편향 사용</translation>
    </message>
    <message>
        <source>Change bias</source>
        <translation>편향 사용 변경</translation>
    </message>
    <message>
        <source>%1 · Conv2D (%2 of %3)</source>
        <translation>%1 · Conv2D (%3개 중 %2번째)</translation>
    </message>
    <message>
        <source>%1 · MaxPool2D (%2 of %3)</source>
        <translation>%1 · MaxPool2D (%3개 중 %2번째)</translation>
    </message>
    <message>
        <source>%1 · Flatten (%2 of %3)</source>
        <translation>%1 · Flatten (%3개 중 %2번째)</translation>
    </message>
    <message>
        <source>Pool size</source>
        <translation>풀 크기</translation>
    </message>
    <message>
        <source>The largest value of each window, per channel; no weights. Strides default to the pool size.</source>
        <translation>채널마다 각 창의 가장 큰 값을 냅니다. 가중치는 없습니다. 스트라이드의 기본값은 풀 크기입니다.</translation>
    </message>
    <message>
        <source>Turns the image into one row of features in the order rows, columns, channels (Keras&apos;s Flatten); no weights.</source>
        <translation>이미지를 행, 열, 채널 순서의 특성 한 줄로 펼칩니다 (Keras의 Flatten). 가중치는 없습니다.</translation>
    </message>
</context>
<context>
    <name>reglab::ui::LessonCatalogue</name>
    <message>
        <source>%1. %2</source>
        <translation>%1. %2</translation>
    </message>
    <message>
        <source>%1: there is no such lesson</source>
        <translation>%1: 그런 수업이 없습니다</translation>
    </message>
</context>
<context>
    <name>reglab::ui::LessonLocks</name>
    <message>
        <source>The lesson locks this control</source>
        <translation>수업이 이 컨트롤을 잠갔습니다</translation>
    </message>
</context>
<context>
    <name>reglab::ui::LessonStartPage</name>
    <message>
        <source>Welcome to RegLab</source>
        <translation>RegLab에 오신 것을 환영합니다</translation>
    </message>
    <message>
        <source>&lt;h2&gt;Welcome to RegLab&lt;/h2&gt;&lt;p&gt;Watch a network overfit and see what L1 and L2 regularization do about it. Start with a lesson, or open an experiment.&lt;/p&gt;</source>
        <translation>&lt;h2&gt;RegLab에 오신 것을 환영합니다&lt;/h2&gt;&lt;p&gt;네트워크가 과적합하는 모습을 보고, L1과 L2 정규화가 그것을 어떻게 막는지 확인해 보세요. 수업으로 시작하거나 실험을 여세요.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>수업</translation>
    </message>
    <message>
        <source>Open lesson</source>
        <translation>수업 열기</translation>
    </message>
    <message>
        <source>Experiments</source>
        <translation>실험</translation>
    </message>
    <message>
        <source>Open built-in experiment</source>
        <translation>내장 실험 열기</translation>
    </message>
    <message>
        <source>The default experiment: noisy moons and a wide network, ready to press Play</source>
        <translation>기본 실험: 잡음 섞인 반달과 넓은 네트워크. 재생만 누르면 됩니다</translation>
    </message>
    <message>
        <source>Open file…</source>
        <translation>파일 열기…</translation>
    </message>
    <message>
        <source>Recent files</source>
        <translation>최근 파일</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>최근 파일 없음</translation>
    </message>
    <message>
        <source>Show at startup</source>
        <translation>시작할 때 보기</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>닫기</translation>
    </message>
</context>
<context>
    <name>reglab::ui::LessonViewer</name>
    <message>
        <source>Previous</source>
        <translation>이전</translation>
    </message>
    <message>
        <source>Open the previous lesson</source>
        <translation>이전 수업을 엽니다</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>다시 불러오기</translation>
    </message>
    <message>
        <source>Load this lesson&apos;s experiment again, as it was at the start</source>
        <translation>이 수업의 실험을 처음 상태로 다시 불러옵니다</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>다음</translation>
    </message>
    <message>
        <source>Open the next lesson</source>
        <translation>다음 수업을 엽니다</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>수업</translation>
    </message>
    <message>
        <source>&lt;p&gt;Choose a lesson from the &lt;b&gt;Lessons&lt;/b&gt; menu. Each one loads an experiment and explains here what to watch and what to change next.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;수업&lt;/b&gt; 메뉴에서 수업을 고르세요. 수업마다 실험을 하나 불러오고, 무엇을 살펴보고 다음에 무엇을 바꿀지 여기에서 설명합니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Checks on your run</source>
        <translation>내 실행 확인</translation>
    </message>
    <message>
        <source>The step whose checks are shown; the run in the window counts for it</source>
        <translation>확인 항목을 보여 주는 단계입니다. 창에서 돌리는 실행은 이 단계의 실행으로 셉니다</translation>
    </message>
    <message>
        <source>Set up</source>
        <translation>준비</translation>
    </message>
    <message>
        <source>Load this step&apos;s experiment into the window, ready to train</source>
        <translation>이 단계의 실험을 창에 불러와 학습할 준비를 합니다</translation>
    </message>
    <message>
        <source>Step %1: %2</source>
        <translation>%1단계: %2</translation>
    </message>
    <message>
        <source>not yet</source>
        <translation>아직</translation>
    </message>
    <message>
        <source>yours: %1</source>
        <translation>내 값: %1</translation>
    </message>
</context>
<context>
    <name>reglab::ui::LogScaleSlider</name>
    <message>
        <source>Logarithmic: 0 at the left end, then 1e-6 to 10. Shift+drag for fine steps.</source>
        <translation>로그 눈금: 왼쪽 끝이 0, 그다음 1e-6부터 10까지. Shift+드래그로 미세 조정.</translation>
    </message>
    <message>
        <source>Exact value (scientific notation accepted, e.g. 5e-4; a decimal comma too). The arrows change the second digit.</source>
        <translation>정확한 값 (과학적 표기 가능, 예: 5e-4; 소수점 쉼표도 가능). 화살표는 둘째 자리를 바꿉니다.</translation>
    </message>
</context>
<context>
    <name>reglab::ui::LossPlot</name>
    <message>
        <source>loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>로그 눈금</translation>
    </message>
    <message>
        <source>Logarithmic loss axis: small penalty terms stay visible</source>
        <translation>손실 축을 로그 눈금으로: 작은 페널티 항도 보입니다</translation>
    </message>
    <message>
        <source>Loss terms</source>
        <translation>손실 항</translation>
    </message>
    <message>
        <source>train data loss</source>
        <translation>훈련 데이터 손실</translation>
    </message>
    <message>
        <source>test data loss</source>
        <translation>테스트 데이터 손실</translation>
    </message>
    <message>
        <source>total (train + penalty)</source>
        <translation>합계 (훈련 + 페널티)</translation>
    </message>
    <message>
        <source>penalty %1</source>
        <translation>페널티 %1</translation>
    </message>
    <message>
        <source>epoch %1</source>
        <translation>에포크 %1</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>validation data loss</source>
        <translation>검증 데이터 손실</translation>
    </message>
</context>
<context>
    <name>reglab::ui::MainWindow</name>
    <message>
        <source>Network</source>
        <translation>네트워크</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>레이어</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>데이터</translation>
    </message>
    <message>
        <source>Lesson</source>
        <translation>수업</translation>
    </message>
    <message>
        <source>Open lesson</source>
        <translation>수업 열기</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>새로 만들기(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>열기(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>최근 파일 열기(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>저장(&amp;S)</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>저장</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>다른 이름으로 저장(&amp;A)…</translation>
    </message>
    <message>
        <source>Export &amp;weights (.npz)…</source>
        <translation>가중치 내보내기(&amp;W) (.npz)…</translation>
    </message>
    <message>
        <source>Export &amp;metrics (.csv)…</source>
        <translation>지표 내보내기(&amp;M) (.csv)…</translation>
    </message>
    <message>
        <source>Export &amp;plot</source>
        <translation>그래프 내보내기(&amp;P)</translation>
    </message>
    <message>
        <source>Export &amp;all plots…</source>
        <translation>모든 그래프 내보내기(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>종료(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Training</source>
        <translation>학습(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>수업(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Start page…</source>
        <translation>시작 페이지(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About RegLab</source>
        <translation>RegLab 정보(&amp;A)</translation>
    </message>
    <message>
        <source>About RegLab</source>
        <translation>RegLab 정보</translation>
    </message>
    <message>
        <source>&lt;h3&gt;RegLab %1&lt;/h3&gt;&lt;p&gt;A laboratory for neural-network regularization: L1 and L2 per layer, the loss split into its terms, weight histograms, and train versus test accuracy, live while the network trains.&lt;/p&gt;&lt;p&gt;Licensed under the GNU GPL, version 3 or later.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;RegLab %1&lt;/h3&gt;&lt;p&gt;신경망 정규화 실험실: 레이어별 L1과 L2, 항별로 나눈 손실, 가중치 히스토그램, 훈련 대 테스트 정확도를 네트워크가 학습하는 동안 실시간으로 보여 줍니다.&lt;/p&gt;&lt;p&gt;GNU GPL 버전 3 이상으로 배포됩니다.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Qt 정보(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>시스템 기본값</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>The new language is used the next time RegLab starts.</source>
        <translation>새 언어는 RegLab을 다음에 시작할 때 적용됩니다.</translation>
    </message>
    <message>
        <source>Lesson %1: %2</source>
        <translation>수업 %1: %2</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>열기</translation>
    </message>
    <message>
        <source>Loading data and building the network…</source>
        <translation>데이터를 불러오고 네트워크를 만드는 중…</translation>
    </message>
    <message>
        <source>The experiment cannot run: %1</source>
        <translation>실험을 실행할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Training stopped: %1. Press Reset to start again from fresh weights.</source>
        <translation>학습이 멈췄습니다: %1. 초기화를 누르면 새 가중치로 다시 시작합니다.</translation>
    </message>
    <message>
        <source>Trained %1 epochs. Raise Epochs to go on, or Reset.</source>
        <translation>%1 에포크를 학습했습니다. 계속하려면 에포크를 늘리고, 아니면 초기화하세요.</translation>
    </message>
    <message>
        <source>R² train %1 · test %2</source>
        <translation>R² 훈련 %1 · 테스트 %2</translation>
    </message>
    <message>
        <source>Accuracy train %1 · test %2</source>
        <translation>정확도 훈련 %1 · 테스트 %2</translation>
    </message>
    <message>
        <source>%1[*] — RegLab</source>
        <translation>%1[*] — RegLab</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>%1을(를) 열었습니다</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1을(를) 저장했습니다</translation>
    </message>
    <message>
        <source>%1: there are no weights yet (the experiment has not been built)</source>
        <translation>%1: 아직 가중치가 없습니다 (실험이 만들어지지 않았습니다)</translation>
    </message>
    <message>
        <source>Exported the weights to %1</source>
        <translation>가중치를 %1(으)로 내보냈습니다</translation>
    </message>
    <message>
        <source>Exported the metrics to %1</source>
        <translation>지표를 %1(으)로 내보냈습니다</translation>
    </message>
    <message>
        <source>Exported %1 plots to %2</source>
        <translation>그래프 %1개를 %2(으)로 내보냈습니다</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>저장하지 않은 변경 사항</translation>
    </message>
    <message>
        <source>The experiment has unsaved changes. Save them first?</source>
        <translation>실험에 저장하지 않은 변경 사항이 있습니다. 먼저 저장할까요?</translation>
    </message>
    <message>
        <source>Open experiment</source>
        <translation>실험 열기</translation>
    </message>
    <message>
        <source>RegLab experiments (*.reglab.json *.json);;All files (*)</source>
        <translation>RegLab 실험 (*.reglab.json *.json);;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Save experiment</source>
        <translation>실험 저장</translation>
    </message>
    <message>
        <source>RegLab experiments (*.reglab.json *.json)</source>
        <translation>RegLab 실험 (*.reglab.json *.json)</translation>
    </message>
    <message>
        <source>Export weights</source>
        <translation>가중치 내보내기</translation>
    </message>
    <message>
        <source>NumPy archives (*.npz)</source>
        <translation>NumPy 아카이브 (*.npz)</translation>
    </message>
    <message>
        <source>Export metrics</source>
        <translation>지표 내보내기</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 파일 (*.csv)</translation>
    </message>
    <message>
        <source>Export “%1”</source>
        <translation>“%1” 내보내기</translation>
    </message>
    <message>
        <source>Export plot</source>
        <translation>그래프 내보내기</translation>
    </message>
    <message>
        <source>Export plots</source>
        <translation>그래프 내보내기</translation>
    </message>
    <message>
        <source>%1…</source>
        <translation>%1…</translation>
    </message>
    <message>
        <source>&amp;Compare regularization…</source>
        <translation>정규화 비교(&amp;C)…</translation>
    </message>
    <message>
        <source>Train several regularization settings of this experiment side by side</source>
        <translation>이 실험의 여러 정규화 설정을 나란히 학습합니다</translation>
    </message>
    <message>
        <source>Restore unsaved changes?</source>
        <translation>저장하지 않은 변경 사항을 복원할까요?</translation>
    </message>
    <message>
        <source>RegLab did not shut down cleanly last time. The experiment &quot;%1&quot; had unsaved changes. Restore them?</source>
        <translation>지난번에 RegLab이 정상적으로 종료되지 않았습니다. 실험 &quot;%1&quot;에 저장하지 않은 변경 사항이 있었습니다. 복원할까요?</translation>
    </message>
    <message>
        <source>Restore unsaved changes</source>
        <translation>저장하지 않은 변경 사항 복원</translation>
    </message>
    <message>
        <source>Run settings</source>
        <translation>실행 설정</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>%1(으)로 내보냈습니다</translation>
    </message>
    <message>
        <source>&amp;Reset layout</source>
        <translation>배치 초기화(&amp;R)</translation>
    </message>
    <message>
        <source>Put the panels, the toolbar and the plots back where they start</source>
        <translation>패널, 도구 모음, 그래프를 처음 배치로 되돌립니다</translation>
    </message>
    <message>
        <source>&amp;Full screen</source>
        <translation>전체 화면(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Presentation mode</source>
        <translation>발표 모드(&amp;P)</translation>
    </message>
    <message>
        <source>Larger text, thicker lines and bigger markers in every plot, also in exports</source>
        <translation>모든 그래프(내보낸 그림 포함)의 글자를 크게, 선을 굵게, 표식을 크게 합니다</translation>
    </message>
    <message>
        <source>Zoom &amp;in</source>
        <translation>확대(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;out</source>
        <translation>축소(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Actual size</source>
        <translation>원래 크기(&amp;A)</translation>
    </message>
    <message>
        <source>Zoom %1%</source>
        <translation>확대 %1%</translation>
    </message>
    <message>
        <source>The layout is back to its default</source>
        <translation>배치를 처음 상태로 되돌렸습니다</translation>
    </message>
    <message>
        <source>This change builds a new network and discards the trained run (%1 epochs). Save the run first?</source>
        <translation>이 변경은 네트워크를 새로 만들고 학습한 실행(%1 에포크)을 버립니다. 먼저 실행을 저장할까요?</translation>
    </message>
    <message>
        <source>Cannot train: %1</source>
        <translation>학습할 수 없습니다: %1</translation>
    </message>
    <message>
        <source>Train one epoch (Shift+Space)</source>
        <translation>한 에포크를 학습합니다 (Shift+Space)</translation>
    </message>
    <message>
        <source>%1: there is no trained run to save (train at least one epoch)</source>
        <translation>%1: 저장할 학습 실행이 없습니다 (한 에포크 이상 학습하세요)</translation>
    </message>
    <message>
        <source>%1: the folder holds other files; choose an empty folder or a run folder</source>
        <translation>%1: 폴더에 다른 파일이 있습니다. 빈 폴더나 실행 폴더를 고르세요</translation>
    </message>
    <message>
        <source>Saved the run (%1 epochs) to %2</source>
        <translation>실행(%1 에포크)을 %2에 저장했습니다</translation>
    </message>
    <message>
        <source>Save run</source>
        <translation>실행 저장</translation>
    </message>
    <message>
        <source>There is no trained run to save yet: press Play or Step.</source>
        <translation>아직 저장할 학습 실행이 없습니다. 재생이나 한 단계를 누르세요.</translation>
    </message>
    <message>
        <source>Save run as a folder</source>
        <translation>실행을 폴더로 저장</translation>
    </message>
    <message>
        <source>Run folders (*)</source>
        <translation>실행 폴더 (*)</translation>
    </message>
    <message>
        <source>Unsaved run</source>
        <translation>저장하지 않은 실행</translation>
    </message>
    <message>
        <source>Save run…</source>
        <translation>실행 저장…</translation>
    </message>
    <message>
        <source>Discard run</source>
        <translation>실행 버리기</translation>
    </message>
    <message>
        <source>The trained run (%1 epochs) is not saved: its curves and weights will be lost. Save it as a run folder first?</source>
        <translation>학습한 실행(%1 에포크)이 저장되지 않았습니다. 곡선과 가중치가 사라집니다. 먼저 실행 폴더로 저장할까요?</translation>
    </message>
    <message>
        <source>Save r&amp;un…</source>
        <translation>실행 저장(&amp;U)…</translation>
    </message>
    <message>
        <source>Save the trained run as a folder: the experiment, every epoch&apos;s metrics and the weights</source>
        <translation>학습한 실행을 폴더로 저장합니다: 실험, 에포크별 지표, 가중치</translation>
    </message>
    <message>
        <source>Experiment &amp;properties…</source>
        <translation>실험 속성(&amp;P)…</translation>
    </message>
    <message>
        <source>S&amp;peed</source>
        <translation>속도(&amp;P)</translation>
    </message>
    <message>
        <source>Edit experiment properties</source>
        <translation>실험 속성 편집</translation>
    </message>
    <message>
        <source>Experiment properties</source>
        <translation>실험 속성</translation>
    </message>
    <message>
        <source>Shown in the title bar and suggested as the file name</source>
        <translation>제목 표시줄에 보이고 파일 이름으로 제안됩니다</translation>
    </message>
    <message>
        <source>What the experiment shows; saved in the file</source>
        <translation>실험이 보여 주는 것. 파일에 저장됩니다</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>이름(&amp;N):</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>설명(&amp;D):</translation>
    </message>
    <message>
        <source>Opened the run %1</source>
        <translation>실행 %1을(를) 열었습니다</translation>
    </message>
    <message>
        <source>Open a run folder</source>
        <translation>실행 폴더 열기</translation>
    </message>
    <message>
        <source>Open run</source>
        <translation>실행 열기</translation>
    </message>
    <message>
        <source>Open run &amp;folder…</source>
        <translation>실행 폴더 열기(&amp;F)…</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Compare the runs of a folder (a sweep folder or a folder of run folders)</source>
        <translation>폴더의 실행 비교 (스윕 폴더 또는 실행 폴더들을 담은 폴더)</translation>
    </message>
    <message>
        <source>Compare run folders</source>
        <translation>실행 폴더 비교</translation>
    </message>
    <message>
        <source>Compare run fol&amp;ders…</source>
        <translation>실행 폴더 비교(&amp;D)…</translation>
    </message>
    <message>
        <source>Show finished runs side by side: a sweep folder, or a folder holding run folders (trained here or by the exported scripts)</source>
        <translation>끝난 실행들을 나란히 보여 줍니다: 스윕 폴더, 또는 실행 폴더들을 담은 폴더 (여기서 학습했거나 내보낸 스크립트로 학습한 것)</translation>
    </message>
    <message>
        <source>Open &amp;lesson…</source>
        <translation>수업 열기(&amp;L)…</translation>
    </message>
    <message>
        <source>Open a lesson folder: an experiment, its text and the checks of the student&apos;s run</source>
        <translation>수업 폴더를 엽니다: 실험, 설명 글, 학생의 실행에 대한 확인 항목</translation>
    </message>
    <message>
        <source>Lesson: %1 (%2)</source>
        <translation>수업: %1 (%2)</translation>
    </message>
    <message>
        <source>There is no such step in the lesson</source>
        <translation>수업에 그런 단계가 없습니다</translation>
    </message>
    <message>
        <source>Step %1: %2</source>
        <translation>%1단계: %2</translation>
    </message>
    <message>
        <source>Open a lesson folder</source>
        <translation>수업 폴더 열기</translation>
    </message>
    <message>
        <source>Stopping</source>
        <translation>중지</translation>
    </message>
    <message>
        <source>Every &amp;neuron</source>
        <translation>모든 뉴런(&amp;N)</translation>
    </message>
    <message>
        <source>Show every unit of the network, with its dead and pruned units, in place of the decision map or the weight images</source>
        <translation>결정 지도나 가중치 이미지 대신 네트워크의 모든 유닛을 죽은 유닛, 가지치기된 유닛과 함께 보여 줍니다</translation>
    </message>
    <message>
        <source>&amp;Feature maps</source>
        <translation>특성 맵(&amp;F)</translation>
    </message>
    <message>
        <source>Show one test image&apos;s feature maps through every conv and max-pool layer in place of the conv filters</source>
        <translation>합성곱 필터 대신 테스트 이미지 하나가 모든 합성곱·최대 풀링 레이어를 지나며 만드는 특성 맵을 보여 줍니다</translation>
    </message>
</context>
<context>
    <name>reglab::ui::MessageBar</name>
    <message>
        <source>Reset</source>
        <translation>초기화</translation>
    </message>
    <message>
        <source>Hide this message</source>
        <translation>이 메시지 숨기기</translation>
    </message>
</context>
<context>
    <name>reglab::ui::NetworkEditor</name>
    <message>
        <source>+ Layer</source>
        <translation>+ 레이어</translation>
    </message>
    <message>
        <source>Add a 32-unit ReLU layer after the selected one (Ins)</source>
        <translation>선택한 레이어 뒤에 32유닛 ReLU 레이어를 추가합니다 (Ins)</translation>
    </message>
    <message>
        <source>− Remove</source>
        <translation>− 제거</translation>
    </message>
    <message>
        <source>Remove the selected layer (Del)</source>
        <translation>선택한 레이어를 제거합니다 (Del)</translation>
    </message>
    <message>
        <source>Units +</source>
        <translation>유닛 +</translation>
    </message>
    <message>
        <source>More units in the selected layer (+)</source>
        <translation>선택한 레이어의 유닛을 늘립니다 (+)</translation>
    </message>
    <message>
        <source>Units −</source>
        <translation>유닛 −</translation>
    </message>
    <message>
        <source>Fewer units in the selected layer (−)</source>
        <translation>선택한 레이어의 유닛을 줄입니다 (−)</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>네트워크</translation>
    </message>
    <message>
        <source>Add layer “%1”</source>
        <translation>레이어 “%1” 추가</translation>
    </message>
    <message>
        <source>Remove layer “%1”</source>
        <translation>레이어 “%1” 제거</translation>
    </message>
    <message>
        <source>Move layer “%1”</source>
        <translation>레이어 “%1” 이동</translation>
    </message>
    <message>
        <source>Change units</source>
        <translation>유닛 수 변경</translation>
    </message>
    <message>
        <source>Input · %1</source>
        <translation>입력 · %1</translation>
    </message>
    <message>
        <source>%1×%2 image · %3</source>
        <translation>%1×%2 이미지 · %3</translation>
    </message>
    <message>
        <source>1 feature · %1</source>
        <translation>특성 1개 · %1</translation>
    </message>
    <message>
        <source>%1 features · %2</source>
        <translation>특성 %1개 · %2</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>입력</translation>
    </message>
    <message>
        <source>%1 (not loaded yet)</source>
        <translation>%1 (아직 불러오지 않음)</translation>
    </message>
    <message>
        <source>The data set&apos;s features, one per input unit</source>
        <translation>데이터 세트의 특성, 입력 유닛마다 하나</translation>
    </message>
    <message>
        <source>ReLU</source>
        <translation>ReLU</translation>
    </message>
    <message>
        <source>tanh</source>
        <translation>tanh</translation>
    </message>
    <message>
        <source>sigmoid</source>
        <translation>시그모이드</translation>
    </message>
    <message>
        <source>linear</source>
        <translation>선형</translation>
    </message>
    <message>
        <source>%1 units · %2 · output</source>
        <translation>유닛 %1개 · %2 · 출력</translation>
    </message>
    <message>
        <source>%1 units · %2</source>
        <translation>유닛 %1개 · %2</translation>
    </message>
    <message>
        <source>L1 %1</source>
        <translation>L1 %1</translation>
    </message>
    <message>
        <source>L2 %1</source>
        <translation>L2 %1</translation>
    </message>
    <message>
        <source>L1+L2</source>
        <translation>L1+L2</translation>
    </message>
    <message>
        <source>bias</source>
        <translation>편향</translation>
    </message>
    <message>
        <source>%1 parameters</source>
        <translation>매개변수 %1개</translation>
    </message>
    <message>
        <source>Kernel adds %1</source>
        <translation>커널이 %1을(를) 더함</translation>
    </message>
    <message>
        <source>Bias adds %1</source>
        <translation>편향이 %1을(를) 더함</translation>
    </message>
    <message>
        <source>Drag to reorder</source>
        <translation>끌어서 순서 바꾸기</translation>
    </message>
    <message>
        <source>softmax cross-entropy</source>
        <translation>소프트맥스 교차 엔트로피</translation>
    </message>
    <message>
        <source>sigmoid cross-entropy</source>
        <translation>시그모이드 교차 엔트로피</translation>
    </message>
    <message>
        <source>mean squared error</source>
        <translation>평균 제곱 오차</translation>
    </message>
    <message>
        <source>TF1 ½ΣW²</source>
        <translation>TF1 ½ΣW²</translation>
    </message>
    <message>
        <source>Keras ΣW²</source>
        <translation>Keras ΣW²</translation>
    </message>
    <message>
        <source>data + Σ penalties · %1</source>
        <translation>데이터 + Σ 페널티 · %1</translation>
    </message>
    <message>
        <source>penalties not added · %1</source>
        <translation>페널티 더하지 않음 · %1</translation>
    </message>
    <message>
        <source>The loss the optimizer minimizes: the data term plus every layer&apos;s regularization penalty</source>
        <translation>옵티마이저가 최소화하는 손실: 데이터 항에 모든 레이어의 정규화 페널티를 더한 것</translation>
    </message>
    <message>
        <source>The output layer&apos;s units follow the data set</source>
        <translation>출력 레이어의 유닛 수는 데이터 세트를 따릅니다</translation>
    </message>
    <message>
        <source>1 layer</source>
        <translation>레이어 1개</translation>
    </message>
    <message>
        <source>%1 layers</source>
        <translation>레이어 %1개</translation>
    </message>
    <message>
        <source> · %1 trainable parameters</source>
        <translation> · 학습 가능한 매개변수 %1개</translation>
    </message>
    <message>
        <source>Add layer above</source>
        <translation>위에 레이어 추가</translation>
    </message>
    <message>
        <source>Add layer below</source>
        <translation>아래에 레이어 추가</translation>
    </message>
    <message>
        <source>Double units</source>
        <translation>유닛 두 배로</translation>
    </message>
    <message>
        <source>Halve units</source>
        <translation>유닛 절반으로</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>위로 이동</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>아래로 이동</translation>
    </message>
    <message>
        <source>%1 (could not be loaded)</source>
        <translation>%1 (불러오지 못함)</translation>
    </message>
    <message>
        <source>+ Dropout</source>
        <translation>+ 드롭아웃</translation>
    </message>
    <message>
        <source>Add a dropout layer (rate 0.2) after the selected one: while training it zeroes each value flowing into the next layer with that probability (Ctrl+D)</source>
        <translation>선택한 레이어 뒤에 드롭아웃 레이어(비율 0.2)를 추가합니다: 학습 중 다음 레이어로 가는 각 값을 그 확률로 0으로 만듭니다 (Ctrl+D)</translation>
    </message>
    <message>
        <source>Dropout after the output layer changes nothing at evaluation and only adds noise to the training loss: move it before a dense layer</source>
        <translation>출력층 뒤의 드롭아웃은 평가에서 아무것도 바꾸지 않고 훈련 손실에 잡음만 더합니다: Dense 레이어 앞으로 옮기세요</translation>
    </message>
    <message>
        <source>Add dropout “%1”</source>
        <translation>드롭아웃 “%1” 추가</translation>
    </message>
    <message>
        <source>dropout · rate %1 (training only)</source>
        <translation>드롭아웃 · 비율 %1 (학습 중에만)</translation>
    </message>
    <message>
        <source>dropout · misplaced: after the output layer</source>
        <translation>드롭아웃 · 잘못된 위치: 출력층 뒤</translation>
    </message>
    <message>
        <source>While training, each value is kept with probability %1 and scaled by 1/%1; at evaluation the layer passes values through unchanged.</source>
        <translation>학습 중에는 각 값을 확률 %1로 남기고 1/%1배 합니다. 평가할 때는 값을 그대로 통과시킵니다.</translation>
    </message>
    <message>
        <source>Add dropout above</source>
        <translation>위에 드롭아웃 추가</translation>
    </message>
    <message>
        <source>Add dropout below</source>
        <translation>아래에 드롭아웃 추가</translation>
    </message>
    <message>
        <source>Add:</source>
        <translation>추가:</translation>
    </message>
    <message>
        <source>Add a %1 layer after the selected one, or drag it onto the network to place it</source>
        <translation>선택한 레이어 뒤에 %1 레이어를 추가합니다. 네트워크로 끌어다 놓아 위치를 정할 수도 있습니다</translation>
    </message>
    <message>
        <source>Dense</source>
        <translation>Dense</translation>
    </message>
    <message>
        <source>Conv2D</source>
        <translation>Conv2D</translation>
    </message>
    <message>
        <source>MaxPool2D</source>
        <translation>MaxPool2D</translation>
    </message>
    <message>
        <source>Flatten</source>
        <translation>Flatten</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>Dropout</translation>
    </message>
    <message>
        <source>Add %1 “%2”</source>
        <translation>%1 “%2” 추가</translation>
    </message>
    <message>
        <source>Change filters</source>
        <translation>필터 수 변경</translation>
    </message>
    <message>
        <source>not an image: conv layers cannot run</source>
        <translation>이미지가 아님: 합성곱 레이어를 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>flatten · rows, columns, channels</source>
        <translation>평탄화 · 행, 열, 채널 순</translation>
    </message>
    <message>
        <source>max-pool %1 · stride %2 · %3</source>
        <translation>최대 풀링 %1 · 스트라이드 %2 · %3</translation>
    </message>
    <message>
        <source>same</source>
        <translation>same</translation>
    </message>
    <message>
        <source>valid</source>
        <translation>valid</translation>
    </message>
    <message>
        <source>No weights</source>
        <translation>가중치 없음</translation>
    </message>
    <message>
        <source>conv %1 × %2 · stride %3 · %4 · %5</source>
        <translation>합성곱 %1 × %2 · 스트라이드 %3 · %4 · %5</translation>
    </message>
    <message>
        <source>→ %1 · %2 parameters</source>
        <translation>→ %1 · 매개변수 %2개</translation>
    </message>
    <message>
        <source>→ %1</source>
        <translation>→ %1</translation>
    </message>
    <message>
        <source>Output shape %1</source>
        <translation>출력 모양 %1</translation>
    </message>
    <message>
        <source>This layer has no units: it keeps the width</source>
        <translation>이 레이어에는 유닛이 없습니다: 너비를 그대로 둡니다</translation>
    </message>
    <message>
        <source> · the layers do not fit together (see the red block)</source>
        <translation> · 레이어들이 서로 맞지 않습니다 (빨간 블록 참고)</translation>
    </message>
    <message>
        <source>Add above</source>
        <translation>위에 추가</translation>
    </message>
    <message>
        <source>Add below</source>
        <translation>아래에 추가</translation>
    </message>
    <message>
        <source>SpatialDropout2D</source>
        <translation>SpatialDropout2D</translation>
    </message>
</context>
<context>
    <name>reglab::ui::NeuronView</name>
    <message>
        <source>%1 × %2
pixels</source>
        <translation>%1 × %2
픽셀</translation>
    </message>
    <message numerus="yes">
        <source>%n inputs</source>
        <translation>
            <numerusform>입력 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>inputs</source>
        <translation>입력</translation>
    </message>
    <message numerus="yes">
        <source>%n units</source>
        <translation>
            <numerusform>유닛 %n개</numerusform>
        </translation>
    </message>
    <message>
        <source>dead %1 · pruned %2</source>
        <translation>죽음 %1 · 가지치기 %2</translation>
    </message>
    <message>
        <source>dead: ReLU output 0 on every training sample</source>
        <translation>죽음: 모든 훈련 샘플에서 ReLU 출력 0</translation>
    </message>
    <message>
        <source>pruned: every incoming |w| &lt; %1</source>
        <translation>가지치기: 들어오는 모든 |w| &lt; %1</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>에포크</translation>
    </message>
    <message>
        <source>units</source>
        <translation>유닛</translation>
    </message>
    <message>
        <source>Every neuron: dead and pruned units</source>
        <translation>모든 뉴런: 죽은 유닛과 가지치기된 유닛</translation>
    </message>
    <message>
        <source>%1 dead</source>
        <translation>%1 죽음</translation>
    </message>
    <message>
        <source>%1 pruned</source>
        <translation>%1 가지치기</translation>
    </message>
    <message>
        <source>The units appear when training starts</source>
        <translation>훈련을 시작하면 유닛이 나타납니다</translation>
    </message>
    <message>
        <source>Every unit of the network is shown once the data is loaded</source>
        <translation>데이터를 불러오면 네트워크의 모든 유닛이 표시됩니다</translation>
    </message>
    <message>
        <source>x₁</source>
        <translation>x₁</translation>
    </message>
    <message>
        <source>x₂</source>
        <translation>x₂</translation>
    </message>
    <message>
        <source>pixel (%1, %2)</source>
        <translation>픽셀 (%1, %2)</translation>
    </message>
    <message>
        <source>input %1</source>
        <translation>입력 %1</translation>
    </message>
    <message>
        <source>%1 #%2</source>
        <translation>%1 #%2</translation>
    </message>
    <message>
        <source>strongest inputs:</source>
        <translation>가장 강한 입력:</translation>
    </message>
</context>
<context>
    <name>reglab::ui::NumberBox</name>
    <message>
        <source>Allowed: more than %1 and less than %2.</source>
        <translation>허용 범위: %1 초과 %2 미만.</translation>
    </message>
    <message>
        <source>Allowed: more than %1, up to %2.</source>
        <translation>허용 범위: %1 초과 %2 이하.</translation>
    </message>
    <message>
        <source>Allowed: %1 or more, less than %2.</source>
        <translation>허용 범위: %1 이상 %2 미만.</translation>
    </message>
    <message>
        <source>Allowed: %1 to %2.</source>
        <translation>허용 범위: %1 ~ %2.</translation>
    </message>
    <message>
        <source>%1 is out of range.</source>
        <translation>%1은(는) 범위를 벗어납니다.</translation>
    </message>
    <message>
        <source>Type a number.</source>
        <translation>숫자를 입력하세요.</translation>
    </message>
    <message>
        <source>“%1” is not a number.</source>
        <translation>“%1”은(는) 숫자가 아닙니다.</translation>
    </message>
    <message>
        <source>“%1” is not a whole number: type digits only, no separators.</source>
        <translation>“%1”은(는) 정수가 아닙니다: 구분 기호 없이 숫자만 입력하세요.</translation>
    </message>
    <message>
        <source>“%1” is ambiguous: type it without thousands separators, with one decimal point or comma (0.01 or 0,01).</source>
        <translation>“%1”은(는) 모호합니다: 천 단위 구분 기호 없이, 소수점이나 쉼표 하나로 입력하세요 (0.01 또는 0,01).</translation>
    </message>
</context>
<context>
    <name>reglab::ui::PlotExport</name>
    <message>
        <source>%1: nothing to export</source>
        <translation>%1: 내보낼 것이 없습니다</translation>
    </message>
    <message>
        <source>%1: unknown file type &quot;%2&quot; (use .png, .svg or .pdf)</source>
        <translation>%1: 알 수 없는 파일 형식 &quot;%2&quot; (.png, .svg, .pdf 중 하나를 쓰세요)</translation>
    </message>
    <message>
        <source>%1: cannot write: %2</source>
        <translation>%1: 쓸 수 없습니다: %2</translation>
    </message>
    <message>
        <source>%1: rendering the plot failed</source>
        <translation>%1: 그래프를 그리지 못했습니다</translation>
    </message>
    <message>
        <source>%1: the scale must be between 0.25 and 8</source>
        <translation>%1: 배율은 0.25에서 8 사이여야 합니다</translation>
    </message>
    <message>
        <source>%1: cannot create the folder %2</source>
        <translation>%1: 폴더 %2을(를) 만들 수 없습니다</translation>
    </message>
</context>
<context>
    <name>reglab::ui::PlotExportDialog</name>
    <message>
        <source>Export plot</source>
        <translation>그래프 내보내기</translation>
    </message>
    <message>
        <source>Export all plots</source>
        <translation>모든 그래프 내보내기</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>찾아보기…</translation>
    </message>
    <message>
        <source>PNG image</source>
        <translation>PNG 이미지</translation>
    </message>
    <message>
        <source>SVG drawing</source>
        <translation>SVG 그림</translation>
    </message>
    <message>
        <source>PDF document</source>
        <translation>PDF 문서</translation>
    </message>
    <message>
        <source>As on screen (%1 × %2)</source>
        <translation>화면과 같게 (%1 × %2)</translation>
    </message>
    <message>
        <source>Slide, large text (960 × 540)</source>
        <translation>슬라이드, 큰 글자 (960 × 540)</translation>
    </message>
    <message>
        <source>HD (1280 × 720)</source>
        <translation>HD (1280 × 720)</translation>
    </message>
    <message>
        <source>Full HD (1920 × 1080)</source>
        <translation>Full HD (1920 × 1080)</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>직접 지정</translation>
    </message>
    <message>
        <source>%1×</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>The size sets the layout: a smaller size gives larger text and lines. The scale magnifies the whole picture for a sharp image.</source>
        <translation>크기는 배치를 정합니다: 크기가 작을수록 글자와 선이 상대적으로 커집니다. 배율은 그림 전체를 키워 선명한 이미지를 만듭니다.</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>파일:</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>폴더:</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>형식:</translation>
    </message>
    <message>
        <source>Size:</source>
        <translation>크기:</translation>
    </message>
    <message>
        <source>Scale:</source>
        <translation>배율:</translation>
    </message>
    <message>
        <source>Result:</source>
        <translation>결과:</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>내보내기</translation>
    </message>
    <message>
        <source>%1 × %2 pixels</source>
        <translation>%1 × %2 픽셀</translation>
    </message>
    <message>
        <source>%1 × %2 points (scalable)</source>
        <translation>%1 × %2 포인트 (벡터)</translation>
    </message>
    <message>
        <source>Export all plots to</source>
        <translation>모든 그래프를 내보낼 폴더</translation>
    </message>
</context>
<context>
    <name>reglab::ui::RecentFiles</name>
    <message>
        <source>No recent files</source>
        <translation>최근 파일 없음</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>목록 지우기</translation>
    </message>
</context>
<context>
    <name>reglab::ui::RegularizationPathPlot</name>
    <message>
        <source>collapsed run</source>
        <translation>붕괴한 실행</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>Show accuracy or data loss against the regularization</source>
        <translation>정규화에 따른 정확도나 데이터 손실을 보여 줍니다</translation>
    </message>
    <message>
        <source>R²</source>
        <translation>R²</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <source>Regularization path: %1 against λ</source>
        <translation>정규화 경로: λ에 따른 %1</translation>
    </message>
    <message>
        <source>Regularization path: data loss against λ</source>
        <translation>정규화 경로: λ에 따른 데이터 손실</translation>
    </message>
    <message>
        <source>Final and best %1 by variant</source>
        <translation>변형별 최종 및 최고 %1</translation>
    </message>
    <message>
        <source>Final and lowest data loss by variant</source>
        <translation>변형별 최종 및 최저 데이터 손실</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>정확도 (%)</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>손실</translation>
    </message>
    <message>
        <source>final train</source>
        <translation>최종 훈련</translation>
    </message>
    <message>
        <source>final test</source>
        <translation>최종 테스트</translation>
    </message>
    <message>
        <source>best train</source>
        <translation>최고 훈련</translation>
    </message>
    <message>
        <source>best test</source>
        <translation>최고 테스트</translation>
    </message>
    <message>
        <source>final train data loss</source>
        <translation>최종 훈련 데이터 손실</translation>
    </message>
    <message>
        <source>final test data loss</source>
        <translation>최종 테스트 데이터 손실</translation>
    </message>
    <message>
        <source>lowest test data loss</source>
        <translation>최저 테스트 데이터 손실</translation>
    </message>
    <message>
        <source>penalty</source>
        <translation>페널티</translation>
    </message>
    <message>
        <source>←  weaker          λ (log scale)          stronger  →</source>
        <translation>←  약하게          λ (로그 눈금)          강하게  →</translation>
    </message>
    <message>
        <source>Regularization path: %1 against %2</source>
        <translation>정규화 경로: %2에 따른 %1</translation>
    </message>
    <message>
        <source>Regularization path: data loss against %1</source>
        <translation>정규화 경로: %1에 따른 데이터 손실</translation>
    </message>
    <message>
        <source>dropout rate</source>
        <translation>드롭아웃 비율</translation>
    </message>
    <message>
        <source>training samples</source>
        <translation>훈련 샘플 수</translation>
    </message>
    <message>
        <source>label noise</source>
        <translation>레이블 잡음</translation>
    </message>
    <message>
        <source>λ</source>
        <translation>λ</translation>
    </message>
</context>
<context>
    <name>reglab::ui::RunBar</name>
    <message>
        <source>Run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>Play</source>
        <translation>재생</translation>
    </message>
    <message>
        <source>Train until the last epoch (Space)</source>
        <translation>마지막 에포크까지 학습합니다 (Space)</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>한 단계</translation>
    </message>
    <message>
        <source>Train one epoch (Shift+Space)</source>
        <translation>한 에포크를 학습합니다 (Shift+Space)</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>초기화</translation>
    </message>
    <message>
        <source>Fresh weights from the seed, back to epoch 0 (Ctrl+R)</source>
        <translation>시드에서 새 가중치를 만들고 0 에포크로 돌아갑니다 (Ctrl+R)</translation>
    </message>
    <message>
        <source>Epoch 0000 / 0000</source>
        <translation>에포크 0000 / 0000</translation>
    </message>
    <message>
        <source>Epochs trained / epochs to train, and optimizer steps</source>
        <translation>학습한 에포크 / 학습할 에포크, 그리고 옵티마이저 단계 수</translation>
    </message>
    <message>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <source>AdamW</source>
        <translation>AdamW</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>옵티마이저</translation>
    </message>
    <message>
        <source>The optimizer (changing it restarts)</source>
        <translation>옵티마이저 (바꾸면 처음부터 다시 시작합니다)</translation>
    </message>
    <message>
        <source>Change optimizer</source>
        <translation>옵티마이저 변경</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>학습률</translation>
    </message>
    <message>
        <source>Step size; takes effect at the next batch, even while training</source>
        <translation>걸음 크기. 학습 중에도 다음 배치부터 적용됩니다</translation>
    </message>
    <message>
        <source>Change learning rate</source>
        <translation>학습률 변경</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>배치</translation>
    </message>
    <message>
        <source>Samples per optimizer step (restarts)</source>
        <translation>옵티마이저 한 단계당 샘플 수 (바꾸면 다시 시작)</translation>
    </message>
    <message>
        <source>Change batch size</source>
        <translation>배치 크기 변경</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>에포크</translation>
    </message>
    <message>
        <source>Play trains until this epoch</source>
        <translation>재생하면 이 에포크까지 학습합니다</translation>
    </message>
    <message>
        <source>Change epochs</source>
        <translation>에포크 변경</translation>
    </message>
    <message>
        <source>Keras ΣW²</source>
        <translation>Keras ΣW²</translation>
    </message>
    <message>
        <source>TF1 ΣW²/2</source>
        <translation>TF1 ΣW²/2</translation>
    </message>
    <message>
        <source>L2</source>
        <translation>L2</translation>
    </message>
    <message>
        <source>How an L2 scale λ becomes a loss term: Keras adds λ·ΣW², TensorFlow 1&apos;s l2_regularizer adds λ·ΣW²/2 (half the pull for the same λ)</source>
        <translation>L2 계수 λ가 손실 항이 되는 방식: Keras는 λ·ΣW²를, TensorFlow 1의 l2_regularizer는 λ·ΣW²/2를 더합니다 (같은 λ에서 당기는 힘이 절반)</translation>
    </message>
    <message>
        <source>Change L2 convention</source>
        <translation>L2 규약 변경</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>시드</translation>
    </message>
    <message>
        <source>Random seed for the data, the split, the weights and the batch order</source>
        <translation>데이터, 분할, 가중치, 배치 순서에 쓰는 난수 시드</translation>
    </message>
    <message>
        <source>Change seed</source>
        <translation>시드 변경</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>스레드</translation>
    </message>
    <message>
        <source>Threads used for training; leaving one core free keeps the window responsive</source>
        <translation>학습에 쓰는 스레드 수. 코어 하나를 비워 두면 창이 빠르게 반응합니다</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <source>Pause after the current batch (Space)</source>
        <translation>현재 배치가 끝나면 일시 정지합니다 (Space)</translation>
    </message>
    <message>
        <source>Epoch %1 / %2</source>
        <translation>에포크 %1 / %2</translation>
    </message>
    <message>
        <source>%1 epochs of %2 trained, %3 optimizer steps</source>
        <translation>%2 에포크 중 %1 에포크 학습, 옵티마이저 %3단계</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>속도</translation>
    </message>
    <message>
        <source>Play&apos;s pace: slow it down so a class can watch each epoch; the numbers are the same at every speed</source>
        <translation>재생 속도: 수업에서 에포크 하나하나를 지켜볼 수 있게 늦춥니다. 어느 속도에서나 결과 숫자는 같습니다</translation>
    </message>
</context>
<context>
    <name>reglab::ui::RunWindow</name>
    <message>
        <source>%1 — finished run — RegLab</source>
        <translation>%1 — 끝난 실행 — RegLab</translation>
    </message>
    <message>
        <source>finished</source>
        <translation>완료</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>중지됨</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>발산함</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt;: %2 · epochs: %3 · %4</source>
        <translation>&lt;b&gt;%1&lt;/b&gt;: %2 · 에포크: %3 · %4</translation>
    </message>
    <message>
        <source>No weight history (history.csv): the histograms show the last epoch only.</source>
        <translation>가중치 기록(history.csv)이 없습니다: 히스토그램은 마지막 에포크만 보여 줍니다.</translation>
    </message>
    <message>
        <source>Written by %1.</source>
        <translation>작성: %1.</translation>
    </message>
    <message>
        <source>No final weights (weights.npz).</source>
        <translation>최종 가중치(weights.npz)가 없습니다.</translation>
    </message>
    <message>
        <source>The data set could not be loaded: %1</source>
        <translation>데이터 세트를 불러올 수 없습니다: %1</translation>
    </message>
    <message>
        <source>stopped early</source>
        <translation>조기 종료됨</translation>
    </message>
    <message>
        <source>Early stopping on %1 stopped after epoch %2 and restored the weights of epoch %3 (the best, %4); the plots mark both.</source>
        <translation>%1 기준 조기 종료가 에포크 %2 뒤에 멈추고 에포크 %3(최적, %4)의 가중치를 복원했습니다. 그래프에 둘 다 표시합니다.</translation>
    </message>
    <message>
        <source>Early stopping on %1 stopped after epoch %2; the best was epoch %3 (%4); the plots mark both.</source>
        <translation>%1 기준 조기 종료가 에포크 %2 뒤에 멈췄습니다. 최적은 에포크 %3(%4)이었습니다. 그래프에 둘 다 표시합니다.</translation>
    </message>
</context>
<context>
    <name>reglab::ui::ThinnedCurves</name>
    <message>
        <source>1 epoch in %1 drawn (at most %2 points per curve); the loss minima are kept</source>
        <translation>에포크 %1개 중 1개만 그립니다(곡선마다 최대 %2개 점). 손실의 최솟값은 남겨 둡니다</translation>
    </message>
</context>
<context>
    <name>reglab::ui::TileMosaicView</name>
    <message>
        <source>value ÷ its band&apos;s max |value|</source>
        <translation>값 ÷ 그 띠의 최대 |값|</translation>
    </message>
</context>
<context>
    <name>reglab::ui::TrainingController</name>
    <message>
        <source>As fast as possible</source>
        <translation>최대한 빠르게</translation>
    </message>
    <message>
        <source>1 epoch/s</source>
        <translation>초당 1 에포크</translation>
    </message>
    <message>
        <source>%1 epochs/s</source>
        <translation>초당 %1 에포크</translation>
    </message>
</context>
<context>
    <name>reglab::ui::TrainingView</name>
    <message>
        <source>epoch</source>
        <translation>에포크</translation>
    </message>
</context>
<context>
    <name>reglab::ui::WeightImagePlot</name>
    <message>
        <source>weight</source>
        <translation>가중치</translation>
    </message>
    <message>
        <source>First-layer weights (what each unit looks for)</source>
        <translation>첫 레이어 가중치 (각 유닛이 찾는 것)</translation>
    </message>
    <message>
        <source>Weights appear when training starts</source>
        <translation>학습을 시작하면 가중치가 나타납니다</translation>
    </message>
    <message>
        <source>The weight images are shown for image data sets</source>
        <translation>가중치 이미지는 이미지 데이터 세트에서 표시됩니다</translation>
    </message>
</context>
<context>
    <name>reglab::ui::WeightOverlayPlot</name>
    <message>
        <source>kernel weight</source>
        <translation>커널 가중치</translation>
    </message>
    <message>
        <source>share of weights per bin</source>
        <translation>구간별 가중치 비율</translation>
    </message>
    <message>
        <source>The layer whose kernel weights are shown</source>
        <translation>커널 가중치를 보여 줄 레이어</translation>
    </message>
    <message>
        <source>Weight histograms</source>
        <translation>가중치 히스토그램</translation>
    </message>
    <message>
        <source>Weight histograms: %1</source>
        <translation>가중치 히스토그램: %1</translation>
    </message>
    <message>
        <source>epoch 0 (every run)</source>
        <translation>0 에포크 (모든 실행)</translation>
    </message>
    <message>
        <source>No weights yet:
the histograms appear
as the runs train.</source>
        <translation>아직 가중치가 없습니다:
실행이 학습하면서
히스토그램이 나타납니다.</translation>
    </message>
</context>
<context>
    <name>reglab::ui::WeightTimePanel</name>
    <message>
        <source>%1th percentile</source>
        <translation>%1 백분위수</translation>
    </message>
    <message>
        <source>|w| &lt; %1 (%)</source>
        <translation>|w| &lt; %1 (%)</translation>
    </message>
    <message>
        <source>epoch %1</source>
        <translation>에포크 %1</translation>
    </message>
    <message>
        <source>bias</source>
        <translation>편향</translation>
    </message>
    <message>
        <source>weight</source>
        <translation>가중치</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>에포크</translation>
    </message>
    <message>
        <source>%1 (0.5–99.5 %)</source>
        <translation>%1 (0.5–99.5 %)</translation>
    </message>
    <message>
        <source>log₁₀(1 + count)</source>
        <translation>log₁₀(1 + 개수)</translation>
    </message>
    <message>
        <source>count</source>
        <translation>개수</translation>
    </message>
    <message>
        <source>%1 · epoch %2</source>
        <translation>%1 · 에포크 %2</translation>
    </message>
    <message>
        <source>%1%: %2</source>
        <translation>%1%: %2</translation>
    </message>
    <message>
        <source>|w| &lt; %1: %2%</source>
        <translation>|w| &lt; %1: %2%</translation>
    </message>
    <message>
        <source>≈: estimated from the stored histogram</source>
        <translation>≈: 저장된 히스토그램에서 추정한 값</translation>
    </message>
    <message>
        <source>bin %1 of %2: [%3, %4%5</source>
        <translation>구간 %1/%2: [%3, %4%5</translation>
    </message>
    <message>
        <source>also holds the %1 values below %2 (clipped)</source>
        <translation>%2 아래의 값 %1개도 담음 (잘라 넣음)</translation>
    </message>
    <message>
        <source>also holds the %1 values above %2 (clipped)</source>
        <translation>%2 위의 값 %1개도 담음 (잘라 넣음)</translation>
    </message>
    <message>
        <source>count: %1 of %2</source>
        <translation>개수: %2개 중 %1개</translation>
    </message>
    <message>
        <source>percentile: %1–%2 %</source>
        <translation>백분위: %1–%2 %</translation>
    </message>
    <message>
        <source>thinned: weights kept for 1 epoch in %1 (at most %2 epochs)</source>
        <translation>솎아 냄: 가중치는 에포크 %1개 중 1개만 보관합니다(최대 %2개 에포크)</translation>
    </message>
</context>
<context>
    <name>reglab::ui::WeightViewControls</name>
    <message>
        <source>Newest epoch</source>
        <translation>최신 에포크</translation>
    </message>
    <message>
        <source>Distributions over time</source>
        <translation>시간에 따른 분포</translation>
    </message>
    <message>
        <source>Histograms over time</source>
        <translation>시간에 따른 히스토그램</translation>
    </message>
    <message>
        <source>Distributions: percentile bands (the middle 38%, 68%, 87% and all of the weights around the median), the share of |w| below a threshold (dashed, right axis) and the norms under it. Histograms over time: each kept epoch&apos;s histogram as a row, the newest in front</source>
        <translation>분포: 백분위 띠(중앙값 주위의 가운데 38%, 68%, 87%와 전체 가중치), 문턱값 아래 |w|의 비율(점선, 오른쪽 축), 그 아래에 노름. 시간에 따른 히스토그램: 보관된 각 에포크의 히스토그램을 한 줄씩, 최신이 맨 앞</translation>
    </message>
    <message>
        <source>Bias instead of kernel</source>
        <translation>커널 대신 편향</translation>
    </message>
    <message>
        <source>Near-zero threshold</source>
        <translation>0 근처 문턱값</translation>
    </message>
    <message>
        <source>|w| &lt; %1</source>
        <translation>|w| &lt; %1</translation>
    </message>
    <message>
        <source>Robust range (0.5–99.5 %, outliers in the end bins)</source>
        <translation>강건한 범위 (0.5–99.5 %, 이상값은 양 끝 구간에)</translation>
    </message>
    <message>
        <source>Log count axis</source>
        <translation>로그 개수 축</translation>
    </message>
    <message>
        <source>Overlay the epochs (no offset)</source>
        <translation>에포크 겹쳐 그리기 (간격 없음)</translation>
    </message>
    <message>
        <source>newest</source>
        <translation>최신</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>에포크</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>옵션</translation>
    </message>
</context>
</TS>
