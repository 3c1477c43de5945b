// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once
// Asks where to export one plot (a file) or every plot (a folder), as what (PNG, SVG, PDF),
// at which size (the size on screen, slide sizes, or any) and scale (1x, 2x, 3x); the
// choices go to exportPlot() (ui/plots/plot_export.h).

#include <QDialog>
#include <QSize>
#include <QString>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace reglab::ui {

class PlotExportDialog : public QDialog {
    Q_OBJECT
public:
    enum class Target { File, Folder };

    /// `screenSize` is the plot's size on screen (the first size offered); `path` the file or
    /// folder suggested.
    PlotExportDialog(Target target, const QSize &screenSize, const QString &path,
                     QWidget *parent = nullptr);

    /// The file (Target::File, with the format's suffix) or folder chosen.
    QString path() const;
    /// "png", "svg" or "pdf".
    QString format() const;
    /// The size the plot is laid out at.
    QSize exportSize() const;
    /// How many times the laid-out plot is magnified (PNG pixels, SVG/PDF page size).
    double scale() const;

    void setPath(const QString &path);
    void setFormat(const QString &format);
    void setExportSize(const QSize &size);
    void setScale(double scale);

    /// "3840 × 2160 pixels" for what the choices produce.
    QString resultText() const;

private:
    void browse();
    void presetChosen(int index);
    void updateResult();

    Target m_target;
    QLineEdit *m_path = nullptr;
    QComboBox *m_format = nullptr;
    QComboBox *m_preset = nullptr;
    QSpinBox *m_width = nullptr;
    QSpinBox *m_height = nullptr;
    QComboBox *m_scale = nullptr;
    QLabel *m_result = nullptr;
};

} // namespace reglab::ui
