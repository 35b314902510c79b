package org.dec4j.cli;

import java.io.PrintWriter;
import java.util.List;
import org.dec4j.api.ConfigException;
import org.dec4j.api.DataException;
import org.dec4j.api.Dec4jException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code dec4j} command. Every subcommand answers {@code --help} and {@code --version}.
 *
 * <p>Exit codes: 0 success, 2 bad usage or configuration, 3 unusable data, 4 a plugin or run
 * failure, 1 anything unexpected.
 */
@Command(name = "dec4j", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
    versionProvider = Main.Version.class,
    description = "Deep clustering (DEC, IDEC, DCN) on DJL/MXNet: run methods and comparison suites, list plugins and "
        + "data sets.",
    subcommands = {RunCommand.class, CompareCommand.class, SuiteCommand.class, PredictCommand.class,
        ScoreCommand.class, PluginsCommand.class, DatasetsCommand.class, BenchCommand.class,
        CommandLine.HelpCommand.class})
public final class Main {
  /** Exit code for bad usage or configuration. */
  static final int EXIT_CONFIG = 2;
  /** Exit code for unusable data. */
  static final int EXIT_DATA = 3;
  /** Exit code for other dec4j failures. */
  static final int EXIT_FAILURE = 4;

  private Main() {}

  /**
   * Runs the command line.
   *
   * @param args arguments
   */
  public static void main(String[] args) {
    System.exit(execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
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
    CommandLine cli = commandLine();
    cli.setOut(out);
    cli.setErr(err);
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      cmd.getErr().println("dec4j: " + e.getMessage());
      if (!(e instanceof Dec4jException)) {
        e.printStackTrace(cmd.getErr());
        return 1;
      }
      return e instanceof ConfigException ? EXIT_CONFIG : e instanceof DataException ? EXIT_DATA : EXIT_FAILURE;
    });
    return cli.execute(args);
  }

  /** {@return the command line, with its subcommands, before any output is set} */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
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
      String kebab = label.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
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
