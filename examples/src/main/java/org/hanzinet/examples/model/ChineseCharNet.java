package org.hanzinet.examples.model;

import org.hanzinet.core.Rng;
import org.hanzinet.core.Tensor;
import org.hanzinet.nn.Module;
import org.hanzinet.nn.Sequential;
import org.hanzinet.nn.layers.Conv2d;
import org.hanzinet.nn.layers.Flatten;
import org.hanzinet.nn.layers.Linear;
import org.hanzinet.nn.layers.MaxPool2d;
import org.hanzinet.nn.layers.ReLU;
import org.hanzinet.nn.layers.Sigmoid;

/**
 * Model 1 of the seed ("ChineseChar"), weight on the Linear layers.
 * <pre>
 * [N, 3, S, S] -> layer1: conv 3->3 k5, ReLU, pool 2   -> [N, 3, (S-4)/2, .]
 *              -> layer2: conv 3->16 k5, ReLU, pool 2  -> [N, 16, a, a]
 *              -> flatten -> fc1 (16a^2 -> 253), ReLU -> fc2 (253 -> 120), ReLU -> fc3 (120 -> 64), Sigmoid
 *              -> head -> [N, 1, S, S]
 * </pre>
 */
final class ChineseCharNet extends Module {
    private final Sequential body;

    ChineseCharNet(int imageSize, Head head, Rng rng) {
        int features = ReferenceModels.model1Features(imageSize);
        Sequential layer1 = registerModule("layer1",
                new Sequential(new Conv2d(3, 3, 5, 1, 0, true, rng), new ReLU(), new MaxPool2d(2, 2)));
        Sequential layer2 = registerModule("layer2",
                new Sequential(new Conv2d(3, 16, 5, 1, 0, true, rng), new ReLU(), new MaxPool2d(2, 2)));
        Linear fc1 = registerModule("fc1", new Linear(features, 253, true, rng));
        Linear fc2 = registerModule("fc2", new Linear(253, 120, true, rng));
        Linear fc3 = registerModule("fc3", new Linear(120, ReferenceModels.MODEL1_OUTPUTS, true, rng));
        HeadUpsample up = registerModule("head",
                new HeadUpsample(head, ReferenceModels.MODEL1_OUTPUTS, 8, 8, imageSize, imageSize));
        body = new Sequential(layer1, layer2, new Flatten(), fc1, new ReLU(), fc2, new ReLU(), fc3, new Sigmoid(), up);
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
