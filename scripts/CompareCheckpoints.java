import org.unidefense.checkpoint.StoredTensor;
import org.unidefense.model.weights.ModelCheckpoint;

import java.nio.file.Path;
import java.util.Map;

/**
 * Used by soak.sh: the largest absolute difference between the parameters and buffers of two
 * checkpoints (by key), and whether it is within the tolerance given. Exit 0 when it is.
 * Run as a single-file program: java -cp "java/cli/target/unidefense.jar:java/cli/target/lib/*" scripts/CompareCheckpoints.java A.pt B.pt 1e-6
 */
public final class CompareCheckpoints {
    public static void main(String[] args) {
        Map<String, StoredTensor> a = ModelCheckpoint.read(Path.of(args[0])).contents().stateDict().tensors();
        Map<String, StoredTensor> b = ModelCheckpoint.read(Path.of(args[1])).contents().stateDict().tensors();
        double tol = Double.parseDouble(args[2]);
        if (!a.keySet().equals(b.keySet())) {
            System.out.println("different keys");
            System.exit(1);
        }
        double max = 0;
        String where = "";
        long values = 0;
        for (String k : a.keySet()) {
            StoredTensor x = a.get(k);
            StoredTensor y = b.get(k);
            for (long i = 0; i < x.numel(); i++) {
                double d = Math.abs(x.getDouble(i) - y.getDouble(i));
                if (!(d <= max)) {
                    max = d;
                    where = k;
                }
            }
            values += x.numel();
        }
        System.out.printf("compared %d tensors, %d values: max |diff| %.3g (%s), tolerance %.1g%n", a.size(), values, max,
                where, tol);
        System.exit(max <= tol ? 0 : 1);
    }
}
