#include "severity_colors.h"

#include "data/diagnostic.h"

#include <QApplication>
#include <QColor>
#include <QPalette>

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

} // namespace benchlens
