package org.hanzinet.examples.eval;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.hanzinet.core.Tensor;
import org.hanzinet.core.io.AtomicFiles;
import org.hanzinet.data.ctw.CtwImage;
import org.hanzinet.data.ctw.CtwReadOptions;
import org.hanzinet.data.ctw.CtwReader;
import org.hanzinet.data.eval.CharacterDetection;
import org.hanzinet.data.image.ImageDecoder;
import org.hanzinet.data.image.ImageTensors;
import org.hanzinet.data.image.Normalization;
import org.hanzinet.data.mask.Masks;
import org.hanzinet.examples.data.CtwData;
import org.hanzinet.examples.report.Json;
import org.hanzinet.examples.report.Png;
import org.hanzinet.examples.report.PredictionOverlay;
import org.hanzinet.nn.train.Metrics;
import org.hanzinet.nn.train.PixelMetrics;

/**
 * Scores a predictor on every photo of a CTW-format folder at the photo's own resolution (never resized
 * to a training size), in the order of the annotation file: pixel metrics and character detection at
 * threshold 0.5, ignore regions left out. Writes {@code metrics.json}, {@code report.md} (the table and
 * the overlays) and {@code overlays/NN-<id>.png} for the first {@code overlays} photos into {@code out}.
 * One photo is held at a time.
 */
public final class PhotoEvaluation {
    /** The metrics, the overlay file names written under {@code out/overlays/}, and the report file. */
    public record Result(PhotoMetrics metrics, List<String> overlays, Path report) {}

    private PhotoEvaluation() {}

    /**
     * @param predictor {@code [3, H, W]} photo in [0, 1] to {@code [1, H, W]} probabilities of the same size
     */
    public static Result run(Path data, UnaryOperator<Tensor> predictor, Path out, int overlays) throws IOException {
        Path annotations = CtwData.annotationFile(data);
        List<CtwImage> images = CtwReader.readAll(annotations, CtwReadOptions.defaults());
        if (images.isEmpty()) {
            throw new IllegalArgumentException("--data: no images in " + annotations);
        }
        return run(data.toString(), CtwData.imageDir(annotations, images.get(0)), images, predictor, out, overlays);
    }

    /** As {@link #run(Path, UnaryOperator, Path, int)} on {@code images} read from {@code imageDir}, named {@code label}. */
    public static Result run(String label, Path imageDir, List<CtwImage> images, UnaryOperator<Tensor> predictor,
                             Path out, int overlays) throws IOException {
        Files.createDirectories(out.resolve("overlays"));
        PixelMetrics pixels = new PixelMetrics(0.5);
        CharacterDetection characters = new CharacterDetection(CharacterDetection.Config.splittingRuns());
        List<String> written = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            CtwImage img = images.get(i);
            int w = img.width();
            int h = img.height();
            Tensor photo = ImageTensors.toChw(ImageDecoder.decode(imageDir.resolve(img.fileName()), w, h),
                    Normalization.UNIT);
            Tensor probs = predictor.apply(photo);
            if (probs.dim() != 3 || probs.size(0) != 1 || probs.size(1) != h || probs.size(2) != w) {
                throw new IllegalStateException("PhotoEvaluation: the predictor gave "
                        + java.util.Arrays.toString(probs.shape()) + " for photo " + img.fileName() + " [3, " + h
                        + ", " + w + "], not [1, " + h + ", " + w + "]");
            }
            Tensor mask = Masks.characters(img, w, h);
            Tensor ignore = Masks.ignore(img, w, h);
            pixels.add(probs.reshape(1, 1, h, w), mask.reshape(1, 1, h, w), ignore.reshape(1, 1, h, w));
            characters.add(img, probs.data(), probs.offset());
            if (i < overlays) {
                String name = String.format("%02d-%s.png", i, Evaluation.safe(img.imageId()));
                Png.write(PredictionOverlay.render(photo, probs, mask, ignore), out.resolve("overlays").resolve(name));
                written.add(name);
            }
        }
        PhotoMetrics m = PhotoMetrics.of(label, images.size(), pixels.result(), characters.result());
        Json.write(out.resolve("metrics.json"), m);
        Path report = AtomicFiles.writeString(out.resolve("report.md"), report(m, written));
        return new Result(m, written, report);
    }

    private static String report(PhotoMetrics m, List<String> overlays) {
        StringWriter s = new StringWriter();
        PrintWriter p = new PrintWriter(s);
        p.println("# Evaluation: " + m.data());
        p.println();
        p.println("```");
        m.print(p);
        p.println("```");
        p.println();
        p.println("Overlays: photo with ground truth outlined (green), ignore regions (blue); beside it the "
                + "predicted probabilities.");
        for (String o : overlays) {
            p.println();
            p.println("![" + o + "](overlays/" + o + ")");
        }
        p.flush();
        return s.toString();
    }
}
