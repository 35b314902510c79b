/** External clustering metrics: unsupervised accuracy (Hungarian matching), NMI and ARI. */
package org.dec4j.runtime.metrics;
