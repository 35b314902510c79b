/**
 * The {@link org.dec4j.api.data.Dataset} service-provider interface and what it exchanges with the
 * runtime: the request ({@link org.dec4j.api.data.DatasetRequest}: validated options, search path,
 * seed), the loaded data ({@link org.dec4j.api.data.LoadedDataset}: a {@link
 * org.dec4j.api.data.FeatureMatrix}, optional labels) and where the data came from ({@link
 * org.dec4j.api.data.DataProvenance}).
 *
 * <p>A data set module declares {@code provides org.dec4j.api.data.Dataset with ...}; its provider
 * is cheap to construct and reads nothing until {@code load} is called.
 */
package org.dec4j.api.data;
