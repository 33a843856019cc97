package org.hanzinet.examples.model;

import java.util.ArrayList;
import java.util.List;
import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Sequential;
import org.hanzinet.nn.layers.Conv2d;
import org.hanzinet.nn.layers.Dropout;
import org.hanzinet.nn.layers.Flatten;
import org.hanzinet.nn.layers.Linear;
import org.hanzinet.nn.layers.MaxPool2d;
import org.hanzinet.nn.layers.ReLU;
import org.hanzinet.nn.layers.Sigmoid;

/**
 * Model 2 of the seed ("ConvNet"), weight on the convolutions.
 * <pre>
 * [N, 3, S, S] -> layer1: conv 3->3 k5 p2, ReLU, pool 2    -> [N, 3, S/2, S/2]
 *              -> layer2: conv 3->128 k5 p2, ReLU, pool 2  -> [N, 128, S/4, .]
 *              -> layer3: conv 128->64 k5 p2, ReLU, pool 2 -> [N, 64, S/8, .]
 *              -> layer4: conv 64->32 k5 p2, ReLU, pool 2  -> [N, 32, S/16, .]
 *              -> flatten, dropout 0.5 -> fc (32 (S/16)^2 -> 20), Sigmoid -> head -> [N, 1, S, S]
 * </pre>
 */
final class ConvNet extends Module {
    private final Sequential body;
    private final Dropout dropout;

    ConvNet(int imageSize, Head head, Rng rng) {
        int features = ReferenceModels.model2Features(imageSize);
        int[][] channels = {{3, 3}, {3, 128}, {128, 64}, {64, 32}};
        List<Module> stages = new ArrayList<>();
        for (int i = 0; i < channels.length; i++) {
            stages.add(registerModule("layer" + (i + 1), new Sequential(
                    new Conv2d(channels[i][0], channels[i][1], 5, 1, 2, true, rng), new ReLU(), new MaxPool2d(2, 2))));
        }
        dropout = registerModule("drop_out", new Dropout(0.5f, rng.split()));
        Linear fc = registerModule("fc", new Linear(features, ReferenceModels.MODEL2_OUTPUTS, true, rng));
        HeadUpsample up = registerModule("head",
                new HeadUpsample(head, ReferenceModels.MODEL2_OUTPUTS, 4, 5, imageSize, imageSize));
        stages.add(new Flatten());
        stages.add(dropout);
        stages.add(fc);
        stages.add(new Sigmoid());
        stages.add(up);
        body = new Sequential(stages.toArray(new Module[0]));
    }

    @Override
    public Tensor forward(Tensor input) {
        return body.forward(input);
    }

    @Override
    public Tensor backward(Tensor gradOutput) {
        return body.backward(gradOutput);
    }
}
