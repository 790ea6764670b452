package io.parley.operations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every manifest under k8s/ is valid against the Kubernetes API schemas (kubernetes-models, offline)
 * and keeps Parley's invariants: probes on /q/health, image and port matching the service, security
 * context, no secret values committed (src/test/k8s/validate.mjs).
 */
class ManifestTest {

    private static final File CHECK = new File("src/test/k8s");

    @Test
    void manifestsAreValidAndKeepTheInvariants() throws Exception {
        boolean hasNode = run(List.of("node", "--version")) == 0 && run(List.of("npm", "--version")) == 0;
        Assumptions.assumeTrue(hasNode || System.getenv("CI") != null,
                "Skipped: Node.js and npm are not installed (CI installs them; apt install nodejs npm)");
        if (!Files.isDirectory(CHECK.toPath().resolve("node_modules"))) {
            assertEquals(0, run(List.of("npm", "ci", "--no-audit", "--no-fund")), "npm ci in src/test/k8s");
        }
        Path report = Files.createTempFile("manifest-check", ".txt");
        Process check = new ProcessBuilder("node", "validate.mjs", new File("k8s").getAbsolutePath())
                .directory(CHECK).redirectErrorStream(true).redirectOutput(report.toFile()).start();
        check.waitFor(120, TimeUnit.SECONDS);
        String output = Files.readString(report);
        System.out.print(output);
        assertEquals(0, check.exitValue(), output);
    }

    private static int run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).directory(CHECK).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return process.waitFor(300, TimeUnit.SECONDS) ? process.exitValue() : -1;
        } catch (Exception e) {
            return -1;
        }
    }
}
