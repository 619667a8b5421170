package org.coredev.dds;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A PNG of a run's DDS outputs: frequency (MHz), amplitude (fraction of full scale, 0 while the RF
 * switch is open) and phase (turns, at each change) against time (us), one line per channel, drawn
 * with JFreeChart without a display ({@code java.awt.headless}).
 */
public final class DdsPlot {
    /** Default image size. */
    public static final int WIDTH = 1200, HEIGHT = 900;

    private DdsPlot() {
    }

    /** Writes the plot at the default size, over the window where something happens (see below). */
    public static void write(DdsTimeline timeline, Path png) {
        write(timeline, png, WIDTH, HEIGHT);
    }

    /**
     * Writes the plot at the given size. The time axis spans the part of the run where some channel
     * has a non-zero frequency or a closed RF switch (init sequences at 0 Hz would otherwise squeeze
     * the experiment into the right edge), with a 5 % margin; only such channels are drawn. Without
     * any, the whole timeline and every channel are drawn.
     */
    public static void write(DdsTimeline timeline, Path png, int width, int height) {
        List<DdsTimeline.Entry> all = timeline.entries();
        List<String> active = timeline.channels().stream()
                .filter(ch -> timeline.entries(ch).stream().anyMatch(DdsPlot::interesting)).toList();
        long first = all.stream().filter(DdsPlot::interesting).mapToLong(DdsTimeline.Entry::timeMu).min().orElse(
                all.isEmpty() ? 0 : all.getFirst().timeMu());
        long last = all.isEmpty() ? 1 : all.getLast().timeMu();
        long span = Math.max(last - first, 1000);
        write(timeline, png, width, height, Math.max(0, first - span / 20), last + span / 20,
                active.isEmpty() ? timeline.channels() : active);
    }

    private static boolean interesting(DdsTimeline.Entry e) {
        return e.ftw() != 0 || e.rfSwitch();
    }

    /** Writes the plot of the given channels over {@code [fromMu, toMu]}. */
    public static void write(DdsTimeline timeline, Path png, int width, int height, long fromMu, long toMu,
                             List<String> channels) {
        if (width < 100 || height < 100) {
            throw new DdsException(png + ": plot size must be at least 100x100, got " + width + "x" + height);
        }
        if (toMu <= fromMu) {
            throw new DdsException(png + ": plot window must end after it starts, got " + fromMu + ".." + toMu + " mu");
        }
        System.setProperty("java.awt.headless", "true");
        XYSeriesCollection freq = new XYSeriesCollection();
        XYSeriesCollection amp = new XYSeriesCollection();
        XYSeriesCollection phase = new XYSeriesCollection();
        for (String ch : channels) {
            XYSeries f = new XYSeries(ch, false, true);
            XYSeries a = new XYSeries(ch, false, true);
            XYSeries p = new XYSeries(ch, false, true);
            DdsTimeline.Entry atStart = null;
            for (DdsTimeline.Entry e : timeline.entries(ch)) {
                if (e.timeMu() <= fromMu) {
                    atStart = e;
                    continue;
                }
                if (e.timeMu() > toMu) {
                    break;
                }
                if (atStart != null) {
                    add(f, a, p, atStart, fromMu);
                    atStart = null;
                }
                add(f, a, p, e, e.timeMu());
            }
            if (atStart != null) {
                add(f, a, p, atStart, fromMu);
            }
            if (!f.isEmpty()) {
                // Extend the last state to the window's end.
                int n = f.getItemCount() - 1;
                f.addOrUpdate(toMu / 1000.0, f.getY(n));
                a.addOrUpdate(toMu / 1000.0, a.getY(n));
            }
            freq.addSeries(f);
            amp.addSeries(a);
            phase.addSeries(p);
        }
        NumberAxis time = new NumberAxis("time (us)");
        time.setAutoRangeIncludesZero(false);
        time.setRange(fromMu / 1000.0, toMu / 1000.0);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(time);
        plot.add(subplot(freq, "frequency (MHz)", true), 1);
        plot.add(subplot(amp, "amplitude (RF out)", false), 1);
        plot.add(subplot(phase, "phase at change (turns)", false), 1);
        JFreeChart chart = new JFreeChart("DDS outputs", JFreeChart.DEFAULT_TITLE_FONT, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        BufferedImage img = chart.createBufferedImage(width, height);
        try {
            ImageIO.write(img, "png", png.toFile());
        } catch (IOException e) {
            throw new DdsException(png + ": cannot write PNG: " + e.getMessage());
        }
    }

    private static void add(XYSeries f, XYSeries a, XYSeries p, DdsTimeline.Entry e, long t) {
        double us = t / 1000.0;
        f.addOrUpdate(us, e.frequencyHz() / 1e6);
        a.addOrUpdate(us, e.rfSwitch() ? e.amplitude() : 0.0);
        p.addOrUpdate(us, e.phaseAt(t));
    }

    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    private static XYPlot subplot(XYSeriesCollection data, String label, boolean legend) {
        NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(true);
        XYStepRenderer r = new XYStepRenderer();
        // Same colour for a channel in every subplot, and one legend (from the first subplot).
        for (int i = 0; i < data.getSeriesCount(); i++) {
            r.setSeriesStroke(i, new BasicStroke(2f));
            r.setSeriesPaint(i, PALETTE[i % PALETTE.length]);
        }
        r.setDefaultSeriesVisibleInLegend(legend);
        XYPlot p = new XYPlot(data, null, axis, r);
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(Color.LIGHT_GRAY);
        p.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return p;
    }
}
