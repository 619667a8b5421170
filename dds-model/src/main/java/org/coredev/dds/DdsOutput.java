package org.coredev.dds;

/**
 * The RF output of one DDS channel as the timeline sees it: the DDS chip sets frequency, phase
 * and amplitude, an Urukul's CPLD the RF switch and the attenuator. Each change becomes a timeline entry.
 * Only the models change it.
 */
public final class DdsOutput {
    private final String channel;
    private final DdsTimeline timeline;
    private boolean rfSwitch;
    private double attenuationDb = 255 / 8.0;   // att register 0 after power-up (urukul.py mu_to_att)
    private DdsTimeline.Entry current;

    DdsOutput(String channel, DdsTimeline timeline) {
        this.channel = channel;
        this.timeline = timeline;
    }

    /** An output with a fixed RF path: a chip with no switch or attenuator before its output (AD9834). */
    DdsOutput(String channel, DdsTimeline timeline, boolean rfSwitch, double attenuationDb) {
        this(channel, timeline);
        this.rfSwitch = rfSwitch;
        this.attenuationDb = attenuationDb;
    }

    /** The channel's device name. */
    public String channel() {
        return channel;
    }

    /** The output state now (the channel's latest timeline entry). */
    public DdsTimeline.Entry current() {
        return current;
    }

    /** A new DDS state from {@code t}. */
    void set(long t, long ftw, int bits, long accumulator, double sysclkHz, double offsetTurns, double amplitude,
             String cause) {
        current = new DdsTimeline.Entry(channel, t, ftw, bits, accumulator, sysclkHz, offsetTurns, amplitude,
                rfSwitch, attenuationDb, cause);
        timeline.add(current);
    }

    void setSwitch(long t, boolean on) {
        if (on == rfSwitch) {
            return;
        }
        rfSwitch = on;
        moved(t, on ? "RF switch on" : "RF switch off");
    }

    void setAttenuation(long t, double db) {
        if (db == attenuationDb) {
            return;
        }
        attenuationDb = db;
        moved(t, "attenuator");
    }

    private void moved(long t, String why) {
        if (current != null) {
            current = current.movedTo(Math.max(t, current.timeMu()), rfSwitch, attenuationDb, why);
            timeline.add(current);
        }
    }
}
