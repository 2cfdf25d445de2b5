package io.jaccard4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code jaccard4j} command. */
@Command(name = "jaccard4j", mixinStandardHelpOptions = true, version = "jaccard4j 0.1.0",
        description = "Set-overlap metrics (Jaccard/IoU, Dice/F1, precision, recall) and overlap losses.")
public final class Jaccard4j implements Runnable {
    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Jaccard4j()).execute(args));
    }
}
