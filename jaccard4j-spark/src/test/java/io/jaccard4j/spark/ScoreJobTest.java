package io.jaccard4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jaccard4j.command.ScoreCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The Spark job prints what {@code jaccard4j score} prints, for files and for tables. */
class ScoreJobTest {
    @TempDir
    Path dir;

    private static String[] run(CommandLine cl, String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        io.jaccard4j.command.CommandErrors.install(cl, "jaccard4j", new PrintWriter(o), new PrintWriter(e));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), o.toString().trim(), e.toString().trim()};
    }

    @Test
    void jobOutputEqualsTheLocalCommand() throws Exception {
        Random r = new Random(4);
        List<String> t = new ArrayList<>();
        List<String> p = new ArrayList<>();
        List<String> table = new ArrayList<>(List.of("y_true,y_pred,w"));
        List<String> w = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            int a = r.nextInt(4);
            int b = r.nextInt(3) == 0 ? r.nextInt(4) : a;
            double wi = 0.5 + r.nextInt(4);
            t.add(Integer.toString(a));
            p.add(Integer.toString(b));
            w.add(Double.toString(wi));
            table.add(a + "," + b + "," + wi);
        }
        Files.write(dir.resolve("t.csv"), t);
        Files.write(dir.resolve("p.csv"), p);
        Files.write(dir.resolve("w.csv"), w);
        Files.write(dir.resolve("table.csv"), table);
        String[] flags = {"--average", "weighted", "--metric", "f1", "--format", "json"};
        String[] local = run(new CommandLine(new ScoreCommand()), concat(new String[] {"--y-true",
                dir.resolve("t.csv").toString(), "--y-pred", dir.resolve("p.csv").toString()}, flags));
        String[] job = run(new CommandLine(new ScoreJob()), concat(new String[] {"--master", "local[2]", "--y-true",
                dir.resolve("t.csv").toString(), "--y-pred", dir.resolve("p.csv").toString(), "--partitions", "3"},
                flags));
        assertEquals("0", job[0], job[2]);
        assertEquals(local[1], job[1]);
        String[] localW = run(new CommandLine(new ScoreCommand()), concat(new String[] {"--y-true",
                dir.resolve("t.csv").toString(), "--y-pred", dir.resolve("p.csv").toString(), "--sample-weight",
                dir.resolve("w.csv").toString()}, flags));
        String[] tableJob = run(new CommandLine(new ScoreJob()), concat(new String[] {"--master", "local[2]",
                "--input", dir.resolve("table.csv").toString(), "--weight-col", "w"}, flags));
        assertEquals("0", tableJob[0], tableJob[2]);
        assertEquals(localW[1], tableJob[1]);
    }

    @Test
    void badInputIsOneCleanMessage() throws Exception {
        Files.write(dir.resolve("table.csv"), List.of("a,b", "1,0"));
        String[] res = run(new CommandLine(new ScoreJob()), "--master", "local[1]", "--input",
                dir.resolve("table.csv").toString(), "--format", "json");
        assertEquals("2", res[0]);
        assertTrue(res[2].contains("no column 'y_true'"), res[2]);
        assertFalse(res[2].contains("\tat "), res[2]);
        String[] missing = run(new CommandLine(new ScoreJob()), "--y-true", dir.resolve("nope.csv").toString(),
                "--y-pred", dir.resolve("nope.csv").toString());
        assertEquals("2", missing[0]);
        assertTrue(missing[2].contains("nope.csv"), missing[2]);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
