package org.coredev.dds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DdsPlotTest {

    @Test
    void plotOfARunIsAPngOfTheRequestedSizeWithContent(@TempDir Path dir) throws Exception {
        Board b = Board.ad9910();
        b.cpld.init(false);
        Drivers.Ad9910 d = b.ad9910Driver(0);
        d.init(false);
        b.cpld.cfgSw(0, true);
        d.set(100e6, 0, 1, -1, -1);
        b.k.delayUs(20);
        d.set(40e6, 0.5, 0.3, -1, -1);
        b.k.delayUs(20);
        b.finish();
        Path png = dir.resolve("dds.png");
        DdsPlot.write(b.timeline(), png, 800, 600);
        assertTrue(Files.size(png) > 1000);
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(800, img.getWidth());
        assertEquals(600, img.getHeight());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                colours.add(img.getRGB(x, y));
            }
        }
        assertTrue(colours.size() > 4, "a blank image has one colour, got " + colours.size());
    }
}
