package org.dec4j.plugin.datasets.files;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.dec4j.api.DataException;
import org.dec4j.api.data.DatasetRequest;

/**
 * Finds a data set's files on the search path, downloads them when allowed, and otherwise says
 * exactly what is missing, where it looked and where to get the files.
 *
 * <p>Directories are tried in this order: for each directory {@code d} of {@link
 * DatasetRequest#searchPath()}, first {@code d/<id>/} then {@code d/}; then the data set's system
 * directories (e.g. where a Debian package installs it). In each directory the layouts are tried in
 * order, and the first directory holding every file of some layout wins, so files of one copy are
 * never mixed with files of another.
 *
 * <p>Downloads go to {@code <first search-path directory>/<id>/}, for the first layout whose files
 * all have a known download, and only for the files missing there; each is verified against its
 * published checksum by {@link Downloader}.
 */
public final class Locator {

  /**
   * One file a layout needs.
   *
   * @param key a stable name the loader uses to ask for the file (e.g. {@code train-images})
   * @param names accepted relative paths, the canonical one first (e.g. the {@code .gz} name, then
   *     the unpacked name)
   */
  public record FileSpec(String key, List<String> names) {
    /** Copies the names and requires at least one. */
    public FileSpec {
      names = List.copyOf(names);
      if (names.isEmpty()) {
        throw new IllegalArgumentException(key + ": at least one file name is required");
      }
    }

    /**
     * A file with alternative names.
     *
     * @param key the key
     * @param names the accepted names, canonical first
     * @return the spec
     */
    public static FileSpec of(String key, String... names) {
      return new FileSpec(key, List.of(names));
    }
  }

  /**
   * A complete set of files in one form (e.g. USPS as one HDF5 file, or as two text files).
   *
   * @param name the form's name, for messages
   * @param files the files it needs
   */
  public record Layout(String name, List<FileSpec> files) {
    /** Copies the file list. */
    public Layout {
      files = List.copyOf(files);
    }
  }

  /**
   * Where the files were found.
   *
   * @param layout the layout that matched
   * @param directory the directory that held it
   * @param files the path of every file, by key
   */
  public record Found(Layout layout, Path directory, Map<String, Path> files) {
    /** Copies the map. */
    public Found {
      files = Map.copyOf(files);
    }

    /**
     * Returns the path of one file.
     *
     * @param key the file's key
     * @return its absolute path
     */
    public Path file(String key) {
      return Objects.requireNonNull(files.get(key), key);
    }
  }

  /**
   * Where files come from, for messages and downloads.
   *
   * @param description a human-readable source (URL and publication)
   * @param downloads downloadable files by key; a layout whose every file is here can be downloaded
   *     (empty when no verifiable download exists)
   */
  public record Source(String description, Map<String, RemoteFile> downloads) {
    /** Copies the map. */
    public Source {
      downloads = Map.copyOf(downloads);
    }
  }

  private final String id;
  private final List<Path> systemDirectories;
  private final Downloader downloader;

  /**
   * Creates a locator.
   *
   * @param id the data set id (also the sub-directory name)
   * @param systemDirectories directories searched after the search path
   * @param downloader the downloader to use when downloads are allowed
   */
  public Locator(String id, List<Path> systemDirectories, Downloader downloader) {
    this.id = id;
    this.systemDirectories = List.copyOf(systemDirectories);
    this.downloader = downloader;
  }

  /**
   * Returns the directories searched, in order.
   *
   * @param request the request (its search path)
   * @return absolute directories, without duplicates
   */
  public List<Path> directories(DatasetRequest request) {
    Set<Path> out = new LinkedHashSet<>();
    for (Path d : request.searchPath()) {
      Path abs = d.toAbsolutePath().normalize();
      out.add(abs.resolve(id));
      out.add(abs);
    }
    for (Path d : systemDirectories) {
      out.add(d.toAbsolutePath().normalize());
    }
    return List.copyOf(out);
  }

  /**
   * Returns where downloads are stored: {@code <first search-path directory>/<id>}, if any.
   *
   * @param request the request
   * @return the directory, or null with an empty search path
   */
  public Path downloadDirectory(DatasetRequest request) {
    return request.searchPath().isEmpty()
        ? null
        : request.searchPath().getFirst().toAbsolutePath().normalize().resolve(id);
  }

  /**
   * Describes in one line where files are looked for and where they come from.
   *
   * @param request the request
   * @param layouts the accepted layouts
   * @param source the source
   * @return the hint
   */
  public String hint(DatasetRequest request, List<Layout> layouts, Source source) {
    return id
        + ": looks for "
        + describe(layouts)
        + " in "
        + listDirs(request)
        + "; source: "
        + source.description()
        + (downloadable(layouts, source) == null
            ? " (no verified download; place the files by hand)"
            : " (downloadable with checksum verification)");
  }

  /**
   * Finds the files of one of the layouts, downloading a layout's files when allowed.
   *
   * @param request the request (search path, download permission)
   * @param layouts accepted layouts, preferred first
   * @param source where the files come from
   * @return where they were found
   * @throws DataException naming the missing files, every directory looked in, and the source
   */
  public Found locate(DatasetRequest request, List<Layout> layouts, Source source) {
    List<Path> dirs = directories(request);
    Found found = search(dirs, layouts);
    if (found != null) {
      return found;
    }
    String downloadFailure = null;
    Path target = downloadDirectory(request);
    Layout downloadable = downloadable(layouts, source);
    if (request.allowDownload() && downloadable != null && target != null) {
      try {
        for (FileSpec f : downloadable.files()) {
          RemoteFile remote = source.downloads().get(f.key());
          if (find(target, f) == null) {
            downloader.fetch(remote, target);
          }
        }
        found = search(List.of(target), List.of(downloadable));
        if (found != null) {
          return found;
        }
      } catch (DataException e) {
        downloadFailure = e.getMessage();
      }
    }
    throw new DataException(
        missingMessage(request, dirs, layouts, source, target, downloadFailure));
  }

  private static Layout downloadable(List<Layout> layouts, Source source) {
    return layouts.stream()
        .filter(l -> l.files().stream().allMatch(f -> source.downloads().containsKey(f.key())))
        .findFirst()
        .orElse(null);
  }

  private Found search(List<Path> dirs, List<Layout> layouts) {
    for (Path dir : dirs) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      for (Layout layout : layouts) {
        Map<String, Path> files = new LinkedHashMap<>();
        for (FileSpec f : layout.files()) {
          Path p = find(dir, f);
          if (p == null) {
            break;
          }
          files.put(f.key(), p);
        }
        if (files.size() == layout.files().size()) {
          return new Found(layout, dir, files);
        }
      }
    }
    return null;
  }

  private static Path find(Path dir, FileSpec f) {
    for (String name : f.names()) {
      Path p = dir.resolve(name);
      if (Files.isRegularFile(p)) {
        return p.toAbsolutePath().normalize();
      }
    }
    return null;
  }

  private String missingMessage(
      DatasetRequest request,
      List<Path> dirs,
      List<Layout> layouts,
      Source source,
      Path target,
      String downloadFailure) {
    StringBuilder sb = new StringBuilder(id).append(": data files not found. Missing: ");
    List<String> parts = new ArrayList<>();
    for (Layout layout : layouts) {
      List<String> missing = new ArrayList<>();
      for (FileSpec f : layout.files()) {
        if (dirs.stream().noneMatch(d -> find(d, f) != null)) {
          missing.add(f.names().getFirst());
        }
      }
      if (missing.isEmpty()) {
        missing.add(
            "(every file exists, but no single directory holds all of "
                + layout.files().stream()
                    .map(f -> f.names().getFirst())
                    .collect(Collectors.joining(", "))
                + ")");
      }
      parts.add(
          String.join(", ", missing) + (layouts.size() > 1 ? " [" + layout.name() + "]" : ""));
    }
    sb.append(String.join("; or ", parts));
    sb.append(".\n  Looked in: ")
        .append(
            dirs.isEmpty()
                ? "(no directories: the search path is empty)"
                : dirs.stream().map(Path::toString).collect(Collectors.joining(", ")));
    sb.append(".\n  Get ")
        .append(layouts.size() > 1 ? "one of these forms" : "them")
        .append(" from ")
        .append(source.description());
    sb.append(" and put ")
        .append(
            target == null
                ? "them in a data directory's '" + id + "' sub-directory"
                : "them in " + target);
    sb.append('.');
    if (downloadFailure != null) {
      sb.append("\n  Download failed: ").append(downloadFailure);
    } else if (request.allowDownload() && downloadable(layouts, source) != null && target == null) {
      sb.append(
          "\n  Downloading needs a data directory to store into, but the search path is empty.");
    } else if (downloadable(layouts, source) != null && !request.allowDownload()) {
      sb.append(
          "\n  Or allow downloading (--download): the files are fetched and checksum-verified.");
    }
    return sb.toString();
  }

  private String listDirs(DatasetRequest request) {
    List<Path> dirs = directories(request);
    return dirs.isEmpty()
        ? "(no directories)"
        : dirs.stream().map(Path::toString).collect(Collectors.joining(", "));
  }

  private static String describe(List<Layout> layouts) {
    return layouts.stream()
        .map(
            l ->
                l.files().stream().map(f -> f.names().getFirst()).collect(Collectors.joining(", ")))
        .collect(Collectors.joining(" or "));
  }
}
