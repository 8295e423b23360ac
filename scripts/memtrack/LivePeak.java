import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.pytorch.InferenceMode;
import org.bytedeco.pytorch.Tensor;
import org.unidefense.config.ConfigLoader;
import org.unidefense.config.ConfigOverrides;
import org.unidefense.config.ResolvedConfig;
import org.unidefense.model.ModelRegistry;
import org.unidefense.model.UniDefenseModel;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.bytedeco.pytorch.global.torch.manual_seed;
import static org.bytedeco.pytorch.global.torch.rand;
import static org.bytedeco.pytorch.global.torch.set_num_threads;

/**
 * Eval forwards of a model file's network on random input, with the process's RSS after each and,
 * under the memtrack preload (memtrack.c), the live tensor bytes and their peak per forward.
 *
 * <pre>java -cp "java/cli/target/unidefense.jar:java/cli/target/lib/*" scripts/memtrack/LivePeak.java MODEL_YML BATCH SIZE REPEATS</pre>
 */
public class LivePeak {
    public static void main(String[] a) throws Exception {
        set_num_threads(2);
        ResolvedConfig cfg = ConfigLoader.load(Path.of(a[0]), ConfigOverrides.none());
        int batch = Integer.parseInt(a[1]);
        int size = Integer.parseInt(a[2]);
        int repeats = Integer.parseInt(a[3]);
        manual_seed(1);
        UniDefenseModel model = ModelRegistry.create(cfg.model());
        model.eval();
        System.out.println("model built: " + memory());
        for (int r = 0; r < repeats; r++) {
            try (PointerScope scope = new PointerScope(); InferenceMode inference = new InferenceMode()) {
                Tensor x = rand(batch, 3, size, size);
                report(); // resets the shim's peak
                model.score(x).sum().item_float();
                report(); // the forward's peak, before the step's scope frees what it still holds
                System.out.println("forward " + r + ": " + memory());
            }
        }
    }

    private static void report() throws Exception {
        if (String.valueOf(System.getenv("LD_PRELOAD")).contains("memtrack")) {
            new ProcessBuilder("kill", "-USR1", Long.toString(ProcessHandle.current().pid())).inheritIO().start().waitFor();
            Thread.sleep(50);
        }
    }

    private static String memory() throws Exception {
        StringBuilder s = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS") || line.startsWith("VmHWM")) {
                s.append(line.replaceAll("\\s+", " ")).append("  ");
            }
        }
        return s.toString().trim();
    }
}
