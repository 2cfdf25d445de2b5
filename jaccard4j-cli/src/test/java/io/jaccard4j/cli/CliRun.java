package io.jaccard4j.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command in-process and captures its exit status, stdout and stderr. */
final class CliRun {
    final int exit;
    final String out;
    final String err;

    private CliRun(int exit, String out, String err) {
        this.exit = exit;
        this.out = out;
        this.err = err;
    }

    static CliRun of(String... args) {
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        int code = Jaccard4j.run(args, new PrintWriter(o), new PrintWriter(e));
        return new CliRun(code, o.toString(), e.toString());
    }

    /** The one JSON object a successful run printed (fails unless it exited 0 with exactly one stdout line). */
    com.google.gson.JsonObject json() {
        org.junit.jupiter.api.Assertions.assertEquals(0, exit, toString());
        String[] lines = out.strip().split("\n");
        org.junit.jupiter.api.Assertions.assertEquals(1, lines.length, "exactly one JSON object on stdout: " + out);
        return com.google.gson.JsonParser.parseString(lines[0]).getAsJsonObject();
    }

    @Override
    public String toString() {
        return "exit " + exit + "\nstdout: " + out + "\nstderr: " + err;
    }
}
