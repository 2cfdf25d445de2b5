package io.jaccard4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        io.jaccard4j.command.CommandErrors.install(cl, ScoreJob.PROGRAM, new PrintWriter(o), new PrintWriter(e));
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
    void badTablesAreOneCleanMessage() throws Exception {
        Files.write(dir.resolve("table.csv"), List.of("a,b", "1,0"));
        assertBad("column 'y_true' does not exist; the dataset has columns [a, b]", "--input",
                dir.resolve("table.csv").toString());
        Files.write(dir.resolve("typed.csv"), List.of("y_true,y_pred", "true,1", "false,0"));
        assertBad("column 'y_true' has Spark type boolean; cast it to int; a label column must hold integers, whole "
                + "numbers or strings", "--input", dir.resolve("typed.csv").toString());
        Files.write(dir.resolve("nulls.csv"), List.of("y_true,y_pred", "1,1", ",0", "2,2", ",1"));
        assertBad("column 'y_true' holds 2 null values; drop or fill them before scoring", "--input",
                dir.resolve("nulls.csv").toString(), "--average", "macro");
    }

    private void assertBad(String message, String... args) {
        String[] res = run(new CommandLine(new ScoreJob()), concat(new String[] {"--master", "local[1]"}, args));
        assertEquals("2", res[0], res[2]);
        assertEquals(ScoreJob.PROGRAM + " score: error: " + message, res[2]);
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
