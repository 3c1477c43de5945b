// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/plots/plot_export_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>

#include <cmath>

namespace reglab::ui {

namespace {

constexpr int kMinSide = 100;
constexpr int kMaxSide = 8000;

const QStringList kFormats{QStringLiteral("png"), QStringLiteral("svg"), QStringLiteral("pdf")};

} // namespace

PlotExportDialog::PlotExportDialog(Target target, const QSize &screenSize, const QString &path,
                                   QWidget *parent)
    : QDialog(parent)
    , m_target(target) {
    setWindowTitle(target == Target::File ? tr("Export plot") : tr("Export all plots"));
    setObjectName(QStringLiteral("plotExportDialog"));

    m_path = new QLineEdit(QDir::toNativeSeparators(path), this);
    m_path->setObjectName(QStringLiteral("exportPath"));
    m_path->setMinimumWidth(fontMetrics().horizontalAdvance(QLatin1Char('x')) * 40);
    auto *browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, &PlotExportDialog::browse);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);

    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("exportFormat"));
    m_format->addItem(tr("PNG image"), kFormats[0]);
    m_format->addItem(tr("SVG drawing"), kFormats[1]);
    m_format->addItem(tr("PDF document"), kFormats[2]);
    connect(m_format, &QComboBox::currentIndexChanged, this, [this] {
        if (m_target == Target::File && !m_path->text().isEmpty()) {
            // The file's suffix follows the format.
            QString file = this->path();
            const QString suffix = QFileInfo(file).suffix();
            if (kFormats.contains(suffix.toLower()))
                file.chop(suffix.size() + 1);
            setPath(file + QLatin1Char('.') + format());
        }
        updateResult();
    });

    const QSize screen =
        screenSize.isValid() && screenSize.width() >= kMinSide && screenSize.height() >= kMinSide
            ? screenSize
            : QSize(800, 500);
    m_preset = new QComboBox(this);
    m_preset->setObjectName(QStringLiteral("exportPreset"));
    m_preset->addItem(tr("As on screen (%1 × %2)").arg(screen.width()).arg(screen.height()),
                      screen);
    m_preset->addItem(tr("Slide, large text (960 × 540)"), QSize(960, 540));
    m_preset->addItem(tr("HD (1280 × 720)"), QSize(1280, 720));
    m_preset->addItem(tr("Full HD (1920 × 1080)"), QSize(1920, 1080));
    m_preset->addItem(tr("Custom"), QSize());
    connect(m_preset, &QComboBox::activated, this, &PlotExportDialog::presetChosen);

    m_width = new QSpinBox(this);
    m_width->setObjectName(QStringLiteral("exportWidth"));
    m_height = new QSpinBox(this);
    m_height->setObjectName(QStringLiteral("exportHeight"));
    for (QSpinBox *spin : {m_width, m_height}) {
        spin->setRange(kMinSide, kMaxSide);
        spin->setKeyboardTracking(false);
        connect(spin, &QSpinBox::valueChanged, this, [this] {
            // A size typed in is a custom one unless it matches a preset.
            const int match = m_preset->findData(exportSize());
            m_preset->setCurrentIndex(match >= 0 ? match : m_preset->count() - 1);
            updateResult();
        });
    }
    auto *sizeRow = new QHBoxLayout;
    sizeRow->addWidget(m_preset, 1);
    sizeRow->addWidget(m_width);
    sizeRow->addWidget(new QLabel(QStringLiteral("×"), this));
    sizeRow->addWidget(m_height);

    m_scale = new QComboBox(this);
    m_scale->setObjectName(QStringLiteral("exportScale"));
    for (int s : {1, 2, 3})
        m_scale->addItem(tr("%1×").arg(s), double(s));
    connect(m_scale, &QComboBox::currentIndexChanged, this, &PlotExportDialog::updateResult);

    m_result = new QLabel(this);
    m_result->setObjectName(QStringLiteral("exportResult"));
    auto *hint = new QLabel(tr("The size sets the layout: a smaller size gives larger text and "
                               "lines. The scale magnifies the whole picture for a sharp "
                               "image."),
                            this);
    hint->setWordWrap(true);
    QPalette muted = hint->palette();
    muted.setColor(QPalette::WindowText, muted.color(QPalette::PlaceholderText));
    hint->setPalette(muted);

    auto *form = new QFormLayout;
    form->addRow(target == Target::File ? tr("File:") : tr("Folder:"), pathRow);
    form->addRow(tr("Format:"), m_format);
    form->addRow(tr("Size:"), sizeRow);
    form->addRow(tr("Scale:"), m_scale);
    form->addRow(tr("Result:"), m_result);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_path, &QLineEdit::textChanged, this, [buttons](const QString &text) {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!text.trimmed().isEmpty());
    });

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addWidget(buttons);

    const QString suffix = QFileInfo(path).suffix().toLower();
    setFormat(target == Target::File && kFormats.contains(suffix) ? suffix : kFormats[0]);
    setExportSize(screen);
    buttons->button(QDialogButtonBox::Ok)->setEnabled(!path.trimmed().isEmpty());
    updateResult();
}

QString PlotExportDialog::path() const {
    return QDir::fromNativeSeparators(m_path->text().trimmed());
}

QString PlotExportDialog::format() const {
    return m_format->currentData().toString();
}

QSize PlotExportDialog::exportSize() const {
    return QSize(m_width->value(), m_height->value());
}

double PlotExportDialog::scale() const {
    return m_scale->currentData().toDouble();
}

void PlotExportDialog::setPath(const QString &path) {
    m_path->setText(QDir::toNativeSeparators(path));
}

void PlotExportDialog::setFormat(const QString &format) {
    const int index = m_format->findData(format.toLower());
    if (index >= 0)
        m_format->setCurrentIndex(index);
}

void PlotExportDialog::setExportSize(const QSize &size) {
    {
        const QSignalBlocker blockWidth(m_width);
        const QSignalBlocker blockHeight(m_height);
        m_width->setValue(size.width());
        m_height->setValue(size.height());
    }
    const int match = m_preset->findData(exportSize());
    m_preset->setCurrentIndex(match >= 0 ? match : m_preset->count() - 1);
    updateResult();
}

void PlotExportDialog::setScale(double scale) {
    int best = 0;
    for (int i = 1; i < m_scale->count(); ++i) {
        if (std::abs(m_scale->itemData(i).toDouble() - scale)
            < std::abs(m_scale->itemData(best).toDouble() - scale))
            best = i;
    }
    m_scale->setCurrentIndex(best);
}

QString PlotExportDialog::resultText() const {
    const QSize out = exportSize() * scale();
    if (format() == QLatin1String("png"))
        return tr("%1 × %2 pixels").arg(out.width()).arg(out.height());
    return tr("%1 × %2 points (scalable)").arg(out.width()).arg(out.height());
}

void PlotExportDialog::presetChosen(int index) {
    const QSize size = m_preset->itemData(index).toSize();
    if (size.isValid())
        setExportSize(size);
    else
        m_width->setFocus();
}

void PlotExportDialog::updateResult() {
    m_result->setText(resultText());
}

void PlotExportDialog::browse() {
    QString chosen;
    if (m_target == Target::Folder) {
        chosen = QFileDialog::getExistingDirectory(this, tr("Export all plots to"), path());
    } else {
        const QString filter = m_format->currentText() + QStringLiteral(" (*.%1)").arg(format());
        chosen = QFileDialog::getSaveFileName(this, windowTitle(), path(), filter);
        if (!chosen.isEmpty() && QFileInfo(chosen).suffix().isEmpty())
            chosen += QLatin1Char('.') + format();
    }
    if (!chosen.isEmpty())
        setPath(chosen);
}

} // namespace reglab::ui
