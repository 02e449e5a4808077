#pragma once

#include <QIdentityProxyModel>
#include <QList>

class QColor;

namespace benchlens {

enum class Verdict; // stats/two_sample_tests.h

// Maps a model's semantic severity role (benchlens::Severity as int, -1 for none) to text colours that read on the
// current palette: models/ stays free of QtGui, the colours are chosen here.
class SeverityColors : public QIdentityProxyModel
{
    Q_OBJECT
public:
    SeverityColors(int severityRole, QObject* parent = nullptr);
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    int m_severityRole;
};

// Colours of a comparison verdict: better green, worse red, a difference without a
// better direction blue, no significant difference / insufficient data grey.
QColor verdictColor(Verdict verdict, bool dark);
bool isDarkPalette();
// The WCAG 2 contrast ratio of two colours (1 to 21; text wants 4.5 at least, level AA).
double contrastRatio(const QColor& a, const QColor& b);
// A link colour that reads on `base` at 4.5:1 at least: `link` when it does, else a light or a dark blue.
QColor readableLink(const QColor& link, const QColor& base);

// Colours the text of the `columns` of a model by its verdict role.
class VerdictColors : public QIdentityProxyModel
{
    Q_OBJECT
public:
    VerdictColors(int verdictRole, QList<int> columns, QObject* parent = nullptr);
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

private:
    int m_verdictRole;
    QList<int> m_columns;
};

} // namespace benchlens
