#include "ui/charts/chart_view.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFileDialog>
#include <QMenu>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace benchlens {

ChartView::ChartView(QWidget* parent)
    : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    setRubberBand(QChartView::NoRubberBand);
}

ChartView::~ChartView() = default;

void ChartView::replaceChart(QChart* chart)
{
    QChart* old = this->chart();
    setChart(chart);
    // QChartView::setChart releases the previous chart without deleting it.
    delete old;
}

bool ChartView::savePng(const QString& path)
{
    const QPixmap pixmap = grab();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || !pixmap.save(&file, "PNG"))
        return false;
    return file.commit();
}

bool ChartView::saveSvg(const QString& path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    QSvgGenerator generator;
    generator.setOutputDevice(&file);
    generator.setSize(size());
    generator.setViewBox(rect());
    generator.setTitle(chart() ? chart()->title() : QString());
    QPainter painter;
    if (!painter.begin(&generator))
        return false;
    render(&painter);
    painter.end();
    return file.commit();
}

void ChartView::copyToClipboard()
{
    QApplication::clipboard()->setPixmap(grab());
}

void ChartView::contextMenuEvent(QContextMenuEvent* event)
{
    QMenu menu(this);
    menu.addAction(tr("Save as PNG…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save chart"), {}, tr("PNG image (*.png)"));
        if (!path.isEmpty())
            savePng(path);
    });
    menu.addAction(tr("Save as SVG…"), this, [this] {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save chart"), {}, tr("SVG image (*.svg)"));
        if (!path.isEmpty())
            saveSvg(path);
    });
    menu.addAction(tr("Copy to clipboard"), this, &ChartView::copyToClipboard);
    menu.exec(event->globalPos());
}

} // namespace benchlens
