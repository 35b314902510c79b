package org.dec4j.api;

/**
 * Root of every exception dec4j throws on purpose.
 *
 * <p>Messages name the input at fault (plugin id, field, file, value) and the constraint it broke,
 * so a command-line user can act on them without a stack trace.
 */
public class Dec4jException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, naming the input and the constraint
   */
  public Dec4jException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong, naming the input and the constraint
   * @param cause the underlying failure
   */
  public Dec4jException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Words an I/O failure for a command-line user: {@code permission denied}, {@code no such file or
   * directory}, {@code not a directory}, the operating system's reason ({@code no space left on
   * device}, {@code read-only file system}), never the exception's class name. The caller names the
   * file.
   *
   * @param e the failure
   * @return the reason, in lower case
   */
  public static String describe(java.io.IOException e) {
    String reason =
        switch (e) {
          case java.nio.file.AccessDeniedException a -> "permission denied";
          case java.nio.file.NoSuchFileException n -> "no such file or directory";
          case java.nio.file.NotDirectoryException n -> "not a directory";
          case java.nio.file.DirectoryNotEmptyException d -> "a directory is in the way";
          case java.nio.file.FileAlreadyExistsException f -> "already exists";
          case java.nio.file.FileSystemException f when f.getReason() != null -> f.getReason();
          default ->
              e.getMessage() == null || e.getMessage().isBlank()
                  ? e.getClass().getSimpleName()
                  : e.getMessage();
        };
    return reason.isEmpty()
        ? reason
        : Character.toLowerCase(reason.charAt(0)) + reason.substring(1);
  }
}
