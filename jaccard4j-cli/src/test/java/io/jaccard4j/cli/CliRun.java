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

    @Override
    public String toString() {
        return "exit " + exit + "\nstdout: " + out + "\nstderr: " + err;
    }
}
