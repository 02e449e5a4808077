#pragma once

#include <QIdentityProxyModel>

namespace benchlens {

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

} // namespace benchlens
