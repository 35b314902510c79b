/**
 * dec4j's data sets: MNIST, Fashion-MNIST, USPS, optdigits, pendigits, REUTERS-10K, UCI HAR, a
 * synthetic manifold generator, Gaussian blobs, and user CSV/ARFF files, as {@link
 * org.dec4j.api.data.Dataset} providers.
 *
 * <p>Exports nothing: the runtime finds the providers with {@link java.util.ServiceLoader}.
 */
module org.dec4j.plugin.datasets {
  requires org.dec4j.api;
  requires java.net.http;
  requires io.jhdf;
  requires org.apache.commons.csv;
  // io.jhdf is an automatic module: it cannot declare its own dependencies, so the modules it
  // loads classes from at run time must be required here, or a plain module-path launch fails.
  requires org.slf4j;
  requires org.apache.commons.lang3;
  requires com.ning.compress.lzf;
  requires org.lz4.java;

  provides org.dec4j.api.data.Dataset with
      org.dec4j.plugin.datasets.MnistDataset,
      org.dec4j.plugin.datasets.FashionMnistDataset,
      org.dec4j.plugin.datasets.UspsDataset,
      org.dec4j.plugin.datasets.OptdigitsDataset,
      org.dec4j.plugin.datasets.PendigitsDataset,
      org.dec4j.plugin.datasets.Reuters10kDataset,
      org.dec4j.plugin.datasets.HarDataset,
      org.dec4j.plugin.datasets.SyntheticDataset,
      org.dec4j.plugin.datasets.BlobsDataset,
      org.dec4j.plugin.datasets.CsvDataset;
}
