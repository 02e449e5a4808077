#include "ui/severity_colors.h"

#include "models/data/diagnostic.h"
#include "models/stats/two_sample_tests.h"

#include <QApplication>
#include <QColor>
#include <QPalette>

#include <algorithm>
#include <cmath>

namespace benchlens {

SeverityColors::SeverityColors(int severityRole, QObject* parent)
    : QIdentityProxyModel(parent)
    , m_severityRole(severityRole)
{ }

QVariant SeverityColors::data(const QModelIndex& index, int role) const
{
    if (role != Qt::ForegroundRole)
        return QIdentityProxyModel::data(index, role);
    const QVariant severity = QIdentityProxyModel::data(index, m_severityRole);
    if (!severity.isValid() || severity.toInt() < 0)
        return QIdentityProxyModel::data(index, role);
    const bool dark = QApplication::palette().color(QPalette::Base).lightness() < 128;
    switch (static_cast<Severity>(severity.toInt())) {
    case Severity::Error:
        return QColor(dark ? QColor(255, 120, 110) : QColor(190, 20, 20));
    case Severity::Warning:
        return QColor(dark ? QColor(240, 190, 90) : QColor(160, 90, 0));
    case Severity::Info:
        return QIdentityProxyModel::data(index, role);
    }
    return {};
}

bool isDarkPalette()
{
    return QApplication::palette().color(QPalette::Base).lightness() < 128;
}

double contrastRatio(const QColor& a, const QColor& b)
{
    // Relative luminance of sRGB (WCAG 2.x).
    const auto luminance = [](const QColor& c) {
        const auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QColor readableLink(const QColor& link, const QColor& base)
{
    if (contrastRatio(link, base) >= 4.5)
        return link;
    return base.lightness() < 128 ? QColor(110, 170, 255) : QColor(20, 70, 170);
}

QColor verdictColor(Verdict verdict, bool dark)
{
    switch (verdict) {
    case Verdict::Better:
        return dark ? QColor(110, 210, 120) : QColor(20, 130, 40);
    case Verdict::Worse:
        return dark ? QColor(255, 120, 110) : QColor(190, 20, 20);
    case Verdict::Different:
        return dark ? QColor(120, 170, 255) : QColor(30, 90, 200);
    case Verdict::NoSignificantDifference:
    case Verdict::Negligible:
        return dark ? QColor(170, 170, 170) : QColor(110, 110, 110);
    case Verdict::InsufficientData:
        return dark ? QColor(130, 130, 130) : QColor(160, 160, 160);
    }
    return QColor(128, 128, 128);
}

VerdictColors::VerdictColors(int verdictRole, QList<int> columns, QObject* parent)
    : QIdentityProxyModel(parent)
    , m_verdictRole(verdictRole)
    , m_columns(std::move(columns))
{ }

QVariant VerdictColors::data(const QModelIndex& index, int role) const
{
    if (role != Qt::ForegroundRole || !m_columns.contains(index.column()))
        return QIdentityProxyModel::data(index, role);
    const QVariant verdict = QIdentityProxyModel::data(index, m_verdictRole);
    if (!verdict.isValid())
        return QIdentityProxyModel::data(index, role);
    return verdictColor(static_cast<Verdict>(verdict.toInt()), isDarkPalette()); // the role holds Verdict as int
}

} // namespace benchlens
