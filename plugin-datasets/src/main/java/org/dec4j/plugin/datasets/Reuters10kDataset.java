package org.dec4j.plugin.datasets;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.dec4j.api.DataException;
import org.dec4j.api.Dec4jApi;
import org.dec4j.api.PluginInfo;
import org.dec4j.api.data.Dataset;
import org.dec4j.api.data.DatasetRequest;
import org.dec4j.api.data.FeatureMatrix;
import org.dec4j.api.data.LoadedDataset;
import org.dec4j.plugin.datasets.files.Downloader;
import org.dec4j.plugin.datasets.files.Locator;
import org.dec4j.plugin.datasets.files.Locator.FileSpec;
import org.dec4j.plugin.datasets.files.Locator.Layout;
import org.dec4j.plugin.datasets.format.NdArray;
import org.dec4j.plugin.datasets.format.Npy;

/**
 * REUTERS-10K as DEC built it: 10,000 RCV1-v2 news stories from the four root categories (CCAT,
 * GCAT, MCAT, ECAT; labels 0..3), each a 2,000-dimensional tf-idf vector (the 2,000 most frequent
 * words, sublinear tf, l2-normalised, times sqrt(2000)). Features are used as stored.
 *
 * <p>Files, first found wins:
 *
 * <ul>
 *   <li>{@code reutersidf10k.npy}: what DEC's and DEC-keras' {@code make_reuters_data} write with
 *       {@code np.save(path, {'data': x, 'label': y})}, i.e. a 0-d object array holding a pickled
 *       dict. It is read without Python: the .npy header is parsed and the pickle interpreted as
 *       data only (see {@link org.dec4j.plugin.datasets.format.Unpickler}).
 *   <li>{@code reutersidf10k.npz}: the same arrays saved with {@code np.savez(path, data=x,
 *       label=y)}.
 * </ul>
 *
 * There is no download with a published checksum; build the file with DEC's script from the RCV1-v2
 * token files.
 *
 * <p>Source: J. Xie, R. Girshick, A. Farhadi, "Unsupervised Deep Embedding for Clustering
 * Analysis", ICML 2016; D. D. Lewis et al., "RCV1: A New Benchmark Collection for Text
 * Categorization Research", JMLR 5, 2004.
 */
public final class Reuters10kDataset implements Dataset {
  static final String ID = "reuters-10k";
  static final int CLASSES = 4;
  static final String SOURCE =
      "REUTERS-10K (Xie, Girshick, Farhadi, ICML 2016) from RCV1-v2 (Lewis et al., JMLR 2004):"
          + " build reutersidf10k.npy with make_reuters_data() of DEC (github.com/piiswrong/dec, dec/make_reuters_data.py)"
          + " or DEC-keras (github.com/XifengGuo/DEC-keras, datasets.py) from the RCV1-v2 files lyrl2004_tokens_*.dat.gz"
          + " and rcv1-v2.topics.qrels";

  private final PluginInfo info =
      new PluginInfo(
          ID,
          Support.VERSION,
          "REUTERS-10K news, 10,000 x 2,000 tf-idf (DEC's reutersidf10k), 4 classes",
          List.of(),
          Dec4jApi.VERSION);
  private final Locator locator = new Locator(ID, List.of(), new Downloader());

  /** Creates the provider (cheap: no I/O). */
  public Reuters10kDataset() {}

  @Override
  public PluginInfo info() {
    return info;
  }

  @Override
  public String locationHint(DatasetRequest request) {
    return locator.hint(request, layouts(), new Locator.Source(SOURCE, Map.of()));
  }

  private static List<Layout> layouts() {
    return List.of(
        new Layout("DEC .npy", List.of(FileSpec.of("npy", "reutersidf10k.npy"))),
        new Layout(".npz", List.of(FileSpec.of("npz", "reutersidf10k.npz"))));
  }

  @Override
  public LoadedDataset load(DatasetRequest request) {
    Locator.Found found = locator.locate(request, layouts(), new Locator.Source(SOURCE, Map.of()));
    Path file = found.files().values().iterator().next();
    Map<?, ?> arrays;
    if (found.layout().files().getFirst().key().equals("npy")) {
      NdArray top = Npy.read(file);
      if (top.kind() != 'O'
          || top.objects() == null
          || top.objects().size() != 1
          || !(top.objects().getFirst() instanceof Map<?, ?> dict)) {
        throw new DataException(
            file
                + ": expected DEC's format, a pickled dict {'data': ..., 'label': ...} saved"
                + " with np.save, but found "
                + top);
      }
      arrays = dict;
    } else {
      arrays = Npy.readNpz(file);
    }
    NdArray data = array(arrays, file, "data", "x");
    NdArray label = array(arrays, file, "label", "y");
    if (data.shape().length < 2 || data.shape()[0] == 0) {
      throw new DataException(
          file
              + ": 'data' has shape "
              + java.util.Arrays.toString(data.shape())
              + ", expected samples x features");
    }
    int n = data.shape()[0];
    int d = Math.toIntExact(data.size() / n);
    float[] values = data.toFloats();
    for (int i = 0; i < values.length; i++) {
      if (!Float.isFinite(values[i])) {
        throw new DataException(
            file
                + ": 'data' row "
                + (i / d)
                + ", column "
                + (i % d)
                + " is "
                + values[i]
                + " (NaN and infinity are not allowed)");
      }
    }
    int[] y = label.toInts();
    if (y.length != n) {
      throw new DataException(
          file + ": 'data' has " + n + " rows but 'label' has " + y.length + " entries");
    }
    for (int i = 0; i < n; i++) {
      if (y[i] < 0 || y[i] >= CLASSES) {
        throw new DataException(
            file
                + ": 'label' entry "
                + i
                + " is "
                + y[i]
                + ", outside the class range [0, "
                + (CLASSES - 1)
                + "]");
      }
    }
    return Support.result(
        ID,
        new FeatureMatrix(values, n, d),
        y,
        CLASSES,
        SOURCE,
        List.of(file),
        request.options(),
        "form=" + found.layout().name() + ", data dtype " + data.descr() + ", features as stored");
  }

  private static NdArray array(Map<?, ?> arrays, Path file, String name, String alias) {
    Object v = arrays.containsKey(name) ? arrays.get(name) : arrays.get(alias);
    if (!(v instanceof NdArray a) || a.kind() == 'O') {
      throw new DataException(
          file + ": no numeric array '" + name + "' (keys: " + arrays.keySet() + ")");
    }
    return a;
  }
}
