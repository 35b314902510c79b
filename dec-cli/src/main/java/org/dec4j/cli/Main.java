package org.dec4j.cli;

import java.io.PrintWriter;
import java.util.List;
import org.dec4j.api.ConfigException;
import org.dec4j.api.DataException;
import org.dec4j.api.Dec4jException;
import org.dec4j.api.OutputException;
import org.dec4j.runtime.Stop;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/**
 * The {@code dec4j} command. Every subcommand answers {@code --help}, {@code --version} and {@code
 * --debug}.
 *
 * <p>Exit codes (README, "Exit codes"): 0 success; 1 an internal error (a bug in dec4j); 2 invalid
 * usage or configuration; 3 unusable input data (missing, unreadable or corrupt files, values that
 * cannot be clustered, a folder that holds no suite results); 4 a plugin failure or a failed run (a
 * plugin that throws, training that turns non-finite, failed suite runs); 5 an output that cannot
 * be written; 130 and 143 when stopped by SIGINT and SIGTERM. Errors print one line, {@code dec4j:
 * <message>}, naming the plugin, file or field; {@code --debug} adds the stack trace.
 */
@Command(
    name = "dec4j",
    mixinStandardHelpOptions = true,
    scope = CommandLine.ScopeType.INHERIT,
    versionProvider = Main.Version.class,
    description =
        "Deep clustering (DEC, IDEC, DCN) on DJL/MXNet: run methods and comparison suites, list plugins and "
            + "data sets.",
    subcommands = {
      RunCommand.class,
      CompareCommand.class,
      ChooseKCommand.class,
      SuiteCommand.class,
      PredictCommand.class,
      ScoreCommand.class,
      PluginsCommand.class,
      DatasetsCommand.class,
      BenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main {
  /** Exit code for an internal error, a bug. */
  static final int EXIT_INTERNAL = 1;

  /** Exit code for bad usage or configuration. */
  static final int EXIT_CONFIG = 2;

  /** Exit code for unusable data. */
  static final int EXIT_DATA = 3;

  /** Exit code for a plugin failure or a failed run. */
  static final int EXIT_FAILURE = 4;

  /** Exit code for an output that cannot be written. */
  static final int EXIT_OUTPUT = 5;

  @Option(
      names = "--debug",
      scope = CommandLine.ScopeType.INHERIT,
      description = "On an error, also print the stack trace.")
  boolean debug;

  private Main() {}

  /**
   * Runs the command line.
   *
   * @param args arguments
   */
  public static void main(String[] args) {
    handleSignals();
    PrintWriter out = new PrintWriter(System.out, true);
    PrintWriter err = new PrintWriter(System.err, true);
    int code;
    try {
      code = execute(args, out, err);
    } finally {
      // Auto-flush acts on println only: text printed with print() (suite example) would stay in
      // the
      // writer's buffer, and System.exit does not flush it, so a redirected file got nothing.
      out.flush();
      err.flush();
    }
    if (Stop.requested()) {
      // The stopping thread exits once the engine is idle; exiting here could beat it.
      return;
    }
    System.exit(code);
  }

  /**
   * SIGTERM and SIGINT request a clean stop ({@link Stop}) instead of the JVM's immediate shutdown,
   * which could exit while MXNet's threads still ran and crash the process.
   */
  private static void handleSignals() {
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), s -> Stop.request(name, 128 + s.getNumber(), System.err));
      } catch (IllegalArgumentException e) {
        // the signal is not available here (or -Xrs): the JVM's default handling stays
      }
    }
  }

  /**
   * Runs the command line without exiting, for tests.
   *
   * @param args arguments
   * @param out standard output
   * @param err standard error
   * @return the exit code
   */
  static int execute(String[] args, PrintWriter out, PrintWriter err) {
    Main main = new Main();
    CommandLine cli = commandLine(main);
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          PrintWriter w = cmd.getErr();
          int code = exitCode(e);
          if (e instanceof Stop.Stopped) {
            // The stopping thread says where the run stopped, once the engine is idle, and exits.
            return code;
          }
          w.println(
              "dec4j: "
                  + (code == EXIT_INTERNAL
                      ? "internal error (a bug in dec4j; please report it with the "
                          + "stack trace --debug prints): "
                          + e
                      : e.getMessage()));
          if (main.debug) {
            e.printStackTrace(w);
          }
          w.flush();
          return code;
        });
    return cli.execute(args);
  }

  /**
   * The exit code of a failure (see the class comment).
   *
   * @param e the failure
   * @return its exit code
   */
  static int exitCode(Throwable e) {
    return switch (e) {
      case Stop.Stopped s -> Stop.exitCode();
      case ConfigException c -> EXIT_CONFIG;
      case DataException d -> EXIT_DATA;
      case OutputException o -> EXIT_OUTPUT;
      case Dec4jException d -> EXIT_FAILURE;
      default -> EXIT_INTERNAL;
    };
  }

  /** {@return the command line, with its subcommands, before any output is set} */
  static CommandLine commandLine() {
    return commandLine(new Main());
  }

  private static CommandLine commandLine(Main main) {
    CommandLine cli = new CommandLine(main);
    kebabCasePlaceholders(cli);
    return cli;
  }

  /**
   * Gives every option without a placeholder of its own one in the options' style: picocli names it
   * after the Java field ({@code --pretrain-epochs=<pretrainEpochs>}), this after the words of the
   * field ({@code --pretrain-epochs=<pretrain-epochs>}), in this command and all its subcommands.
   *
   * @param cli the command line
   */
  static void kebabCasePlaceholders(CommandLine cli) {
    CommandLine.Model.CommandSpec spec = cli.getCommandSpec();
    for (CommandLine.Model.OptionSpec o : List.copyOf(spec.options())) {
      String label = o.paramLabel();
      if (o.arity().max() == 0 || !label.matches("<[a-z][a-zA-Z0-9]*[A-Z][a-zA-Z0-9]*>")) {
        continue;
      }
      String kebab =
          label.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
      spec.remove(o);
      spec.addOption(CommandLine.Model.OptionSpec.builder(o).paramLabel(kebab).build());
    }
    cli.getSubcommands().values().forEach(Main::kebabCasePlaceholders);
  }

  /** Prints the versions. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String commit = org.dec4j.runtime.Versions.commit();
      String version = "dec4j " + org.dec4j.runtime.Versions.dec4j();
      return new String[] {commit == null ? version : version + " (git " + commit + ")"};
    }
  }
}
