/**
 * The convolutional autoencoder of DCEC (Guo, Liu, Zhu and Yin, ICONIP 2017) as a dec4j encoder,
 * for data sets that declare an image shape. It requires the API only, as a third-party encoder
 * would.
 */
module org.dec4j.plugin.conv {
  requires org.dec4j.api;

  provides org.dec4j.api.encoder.Encoder with
      org.dec4j.plugin.conv.ConvEncoder;
}
