package org.dec4j.cli;

import java.io.PrintWriter;
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
    subcommands = {RunCommand.class, CompareCommand.class, ChooseKCommand.class, SuiteCommand.class, PredictCommand.class,
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
    CommandLine cli = new CommandLine(new Main());
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
