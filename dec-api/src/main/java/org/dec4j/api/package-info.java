/**
 * The core of the plugin contract: plugin metadata ({@link org.dec4j.api.PluginInfo}),
 * hyperparameter declarations and their validated values ({@link org.dec4j.api.HyperparameterSpec},
 * {@link org.dec4j.api.Hyperparameters}), the API level a plugin declares ({@link
 * org.dec4j.api.Dec4jApi}), and the exception hierarchy rooted at {@link
 * org.dec4j.api.Dec4jException}.
 *
 * <p>Everything a plugin needs to say about itself lives here; the three service-provider
 * interfaces are in {@link org.dec4j.api.objective}, {@link org.dec4j.api.encoder} and {@link
 * org.dec4j.api.data}.
 */
package org.dec4j.api;
