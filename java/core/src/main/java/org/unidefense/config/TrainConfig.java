package org.unidefense.config;

import org.unidefense.UserInputException;
import org.unidefense.tensor.DeviceSpec;

import java.util.List;

/**
 * The {@code config:} block: how to train or test. Keys the reference reads with a default
 * have that default here; keys it indexes directly are required (in the stage that reads them).
 *
 * @param localRank        {@code config.local_rank}: set from {@code -r/--local_rank} (a value in the file is overwritten)
 * @param engine           {@code config.engine}: set from {@code --engine} (a value in the file is overwritten)
 * @param id               {@code config.id}: experiment id; runs go to {@code runs/<model name>/<id>}. Required
 *                         for testing; when training without it the reference uses the start time (null here)
 * @param debug            {@code config.debug}: no run directory, no validation (required for training)
 * @param distributeBackend {@code config.distribute.backend}, e.g. {@code nccl} (required for training)
 * @param findUnused       {@code config.find_unused}: DDP's find_unused_parameters (default true)
 * @param warmupStep       {@code config.warmup_step}: linear warm-up steps, 0 = none (default 0)
 * @param lambdaTriplet    {@code config.lambda_triplet}: weight of the weighted triplet loss (default 1.0)
 * @param lambdaRecons     {@code config.lambda_recons}: weight of the spatial reconstruction loss (default 1.0)
 * @param lambdaFreq       {@code config.lambda_freq}: weight of the frequency reconstruction loss (default 1.0)
 * @param lambdaMask       {@code config.lambda_mask}: weight of the mask and mask-consistency losses (default 1.0)
 * @param lambdaFac        {@code config.lambda_fac}: weight of the factorization (orthogonality) loss (default 1.0)
 * @param lambdaAuxCls     {@code config.lambda_aux_cls}: weight of an auxiliary classifier loss (no default; null)
 * @param optimizer        {@code config.optimizer} (required for training; null when testing without it)
 * @param scheduler        {@code config.scheduler} (optional; ConstantLR when absent)
 * @param crop             {@code config.crop}: {@code nocrop} (images are pre-cropped) or {@code 4p} (crop the box)
 * @param resume           {@code config.resume}: continue the run in the existing run directory (default false)
 * @param resumeBest       {@code config.resume_best}: resume from the best rather than the latest checkpoint (default false)
 * @param notes            {@code config.notes}: free text for the experiment log (optional)
 * @param trainMargin      {@code config.train_margin}: OCIM training face margin (default [0.0, 0.5])
 * @param valMargin        {@code config.val_margin}: OCIM validation face margin (default 0.3)
 * @param testMargin       {@code config.test_margin}: OCIM test face margin (default 0.3)
 * @param margin           {@code config.margin}: UniAttack face margin for every split (default none: only valid with nocrop)
 * @param useDomainLabel   {@code config.use_domain_label}: UniAttack, give each source dataset a domain label (default false)
 * @param seed             {@code config.seed}: project extension; seed of the process-wide generator (default 42, the
 *                         reference's fixed seed)
 * @param coral            {@code config.coral}: project extension; {@code symmetric} (default, a true matrix square root)
 *                         or {@code reference} (the reference's SVD formula); see docs decision 1
 * @param pass1GradCarry   {@code config.pass1_grad_carry}: project extension; factor of the first pass's gradient
 *                         still present at the second optimizer step (default 1/1024 as on the reference GPU runs;
 *                         1.0 reproduces a run without a gradient scaler); see docs decision 2
 * @param distributeTimeoutS {@code config.distribute.timeout_s}: project extension; seconds a collective or the
 *                         rendezvous may wait for the other ranks before the run fails (default 300)
 * @param distributeBucketMb {@code config.distribute.bucket_mb}: project extension; size of the gradient buckets
 *                         all-reduced together (default 25, DDP's bucket_cap_mb)
 * @param device           {@code config.device}: project extension; {@code auto} (default: CUDA when available,
 *                         else the CPU), {@code cpu}, {@code cuda} or {@code cuda:N}; {@code --device} replaces it and
 *                         {@code -r}/{@code LOCAL_RANK} pick the GPU of {@code auto} and {@code cuda} (docs/gpu.md)
 * @param memoryFormat     {@code config.memory_format}: project extension; {@code channels_last} or
 *                         {@code contiguous}, see {@link MemoryFormat}; {@code auto} (default, null here) = the
 *                         architecture's faster one
 * @param precision        {@code config.precision}: project extension; {@code fp32} (default), {@code bf16} or
 *                         {@code fp16}, see {@link Precision}
 * @param lambda1          {@code config.lambda_1}: RECCE only; weight of its reconstruction loss (default 0.1,
 *                         RECCE's config/Recce.yml)
 * @param lambda2          {@code config.lambda_2}: RECCE only; weight of its metric-learning loss (default 0.1)
 * @param trainerStates    {@code config.trainer_states}: project extension; which checkpoints keep the optimizer and
 *                         generator state needed to resume from them: {@code all} (default: latest, best, best_val;
 *                         needed by resume_best) or {@code latest} (saves one model's optimizer state per selected
 *                         model, about 3× its weights)
 */
public record TrainConfig(
        int localRank,
        Engine engine,
        String id,
        Boolean debug,
        String distributeBackend,
        boolean findUnused,
        int warmupStep,
        double lambdaTriplet,
        double lambdaRecons,
        double lambdaFreq,
        double lambdaMask,
        double lambdaFac,
        Double lambdaAuxCls,
        OptimizerSpec optimizer,
        SchedulerSpec scheduler,
        CropMode crop,
        boolean resume,
        boolean resumeBest,
        String notes,
        FaceMargin trainMargin,
        FaceMargin valMargin,
        FaceMargin testMargin,
        FaceMargin margin,
        boolean useDomainLabel,
        long seed,
        CoralMode coral,
        double pass1GradCarry,
        double distributeTimeoutS,
        double distributeBucketMb,
        DeviceSpec device,
        MemoryFormat memoryFormat,
        Precision precision,
        double lambda1,
        double lambda2,
        TrainerStates trainerStates) {

    static final double DEFAULT_PASS1_GRAD_CARRY = 1.0 / 1024;
    static final double DEFAULT_DISTRIBUTE_TIMEOUT_S = 300;
    static final double DEFAULT_BUCKET_MB = 25;

    static TrainConfig read(Section s, Engine engine, int localRank, String idOverride, boolean testStage) {
        // The command line sets these two; the file's values (if any) are overwritten, as in the reference.
        s.know("local_rank", "engine");
        String id = idOverride != null ? idOverride : s.string("id", null);
        if (idOverride != null) {
            s.know("id");
        }
        if (testStage && id == null) {
            throw s.missing("id", "the experiment id whose run directory holds the checkpoint; or pass --exp_id");
        }
        Boolean debug = testStage ? s.optionalBool("debug") : s.requiredBool("debug");
        String backend = null;
        double timeoutS = DEFAULT_DISTRIBUTE_TIMEOUT_S;
        double bucketMb = DEFAULT_BUCKET_MB;
        var distribute = testStage ? s.optionalSection("distribute")
                : java.util.Optional.of(s.requiredSection("distribute"));
        if (distribute.isPresent()) {
            Section d = distribute.get();
            backend = testStage ? d.string("backend", null) : d.requiredString("backend");
            timeoutS = d.number("timeout_s", DEFAULT_DISTRIBUTE_TIMEOUT_S);
            if (!(timeoutS > 0)) {
                throw d.invalid("timeout_s", "expected a positive number of seconds, found " + timeoutS);
            }
            bucketMb = d.number("bucket_mb", DEFAULT_BUCKET_MB);
            if (!(bucketMb > 0)) {
                throw d.invalid("bucket_mb", "expected a positive size in MiB, found " + bucketMb);
            }
            d.finish();
        }
        boolean findUnused = s.bool("find_unused", true);
        int warmup = s.integer("warmup_step", 0);
        if (warmup < 0) {
            throw s.invalid("warmup_step", "expected 0 or more steps, found " + warmup);
        }
        double lTriplet = s.number("lambda_triplet", 1.0);
        double lRecons = s.number("lambda_recons", 1.0);
        double lFreq = s.number("lambda_freq", 1.0);
        double lMask = s.number("lambda_mask", 1.0);
        double lFac = s.number("lambda_fac", 1.0);
        Double lAux = s.optionalNumber("lambda_aux_cls");
        double lambda1 = s.number("lambda_1", 0.1);
        double lambda2 = s.number("lambda_2", 0.1);

        OptimizerSpec optimizer;
        if (testStage) {
            optimizer = s.optionalSection("optimizer").map(OptimizerSpec::read).orElse(null);
        } else {
            optimizer = OptimizerSpec.read(s.requiredSection("optimizer"));
        }
        SchedulerSpec scheduler = s.optionalSection("scheduler").map(SchedulerSpec::read)
                .orElse(SchedulerSpec.constant());
        CropMode crop = s.requiredChoice("crop", CropMode.class);
        if (engine == Engine.FE && crop == CropMode.FOUR_POINT) {
            // The reference's forgery engine passes no margin to its loader, so 4p cannot work there.
            throw s.invalid("crop", "engine FE supports only 'nocrop' (images stored already cropped), found \"4p\"");
        }
        boolean resume = s.bool("resume", false);
        boolean resumeBest = s.bool("resume_best", false);
        String notes = s.string("notes", null);
        FaceMargin trainMargin = FaceMargin.read(s, "train_margin", FaceMargin.range(0.0, 0.5));
        FaceMargin valMargin = FaceMargin.read(s, "val_margin", FaceMargin.fixed(0.3));
        FaceMargin testMargin = FaceMargin.read(s, "test_margin", FaceMargin.fixed(0.3));
        FaceMargin margin = FaceMargin.read(s, "margin", null);
        if (engine == Engine.UE && crop == CropMode.FOUR_POINT && margin == null) {
            throw s.missing("margin", "a face margin: UniAttack with crop 4p crops face boxes and needs one");
        }
        boolean useDomainLabel = s.bool("use_domain_label", false);
        long seed = s.integer("seed", 42);
        CoralMode coral = s.choice("coral", CoralMode.SYMMETRIC, CoralMode.class);
        double carry = s.number("pass1_grad_carry", DEFAULT_PASS1_GRAD_CARRY);
        if (carry < 0) {
            throw s.invalid("pass1_grad_carry", "expected a factor of 0 or more, found " + carry);
        }
        String deviceText = s.string("device", "auto");
        DeviceSpec device;
        try {
            device = DeviceSpec.parse(deviceText, "device");
        } catch (UserInputException e) {
            throw s.invalid("device", "expected auto, cpu, cuda or cuda:N, found \"" + deviceText + "\"");
        }
        List<String> formats = new java.util.ArrayList<>(MemoryFormat.keys());
        formats.add(0, "auto");
        String format = s.choice("memory_format", "auto", formats);
        MemoryFormat memoryFormat = format.equals("auto") ? null : MemoryFormat.parse(format);
        Precision precision = s.choice("precision", Precision.FP32, Precision.class);
        TrainerStates trainerStates = s.choice("trainer_states", TrainerStates.ALL, TrainerStates.class);
        if (resumeBest && trainerStates == TrainerStates.LATEST) {
            throw s.invalid("trainer_states", "resume_best needs the best model's trainer state: use 'all', found \"latest\"");
        }
        s.finish();
        return new TrainConfig(localRank, engine, id, debug, backend, findUnused, warmup, lTriplet, lRecons, lFreq,
                lMask, lFac, lAux, optimizer, scheduler, crop, resume, resumeBest, notes, trainMargin, valMargin,
                testMargin, margin, useDomainLabel, seed, coral, carry, timeoutS, bucketMb, device, memoryFormat,
                precision, lambda1, lambda2, trainerStates);
    }
}
