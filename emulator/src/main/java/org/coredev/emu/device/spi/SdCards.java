package org.coredev.emu.device.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.coredev.emu.EmulatorException;
import org.coredev.rtio.Channel;
import org.coredev.rtio.phy.SpiMaster;

/**
 * The SD cards a device database puts in SPI masters' slots: {@code "sd_card": ["spi_mmc"]} in its
 * {@code "coredev"} entry (a card is a physical fact the database cannot state otherwise: KC705's
 * {@code spi_mmc} bus has a slot, empty or not).
 */
public final class SdCards {
    private SdCards() {}

    /** Inserts a card into each named SPI master's slot; returns them in the database's order. */
    public static List<SdCard> insert(String source, Map<String, Object> db, List<Channel> channels) throws EmulatorException {
        List<SdCard> cards = new ArrayList<>();
        for (var e : db.entrySet()) {
            if (!(e.getValue() instanceof Map<?, ?> entry) || !"coredev".equals(entry.get("type")) || !entry.containsKey("sd_card")) continue;
            if (!(entry.get("sd_card") instanceof List<?> names))
                throw new EmulatorException("%s: device '%s': 'sd_card' must be a list of SPI master names".formatted(source, e.getKey()));
            for (Object n : names) {
                Channel channel = channels.stream().filter(c -> c.name().equals(n)).findFirst().orElse(null);
                if (channel == null || !(channel.phy() instanceof SpiMaster master))
                    throw new EmulatorException("%s: device '%s': sd_card '%s' is not an SPI master (artiq.coredevice.spi2.SPIMaster) of the database"
                            .formatted(source, e.getKey(), n));
                SdCard card = new SdCard(channel.name());
                master.attachSlave(card);
                cards.add(card);
            }
        }
        return List.copyOf(cards);
    }
}
