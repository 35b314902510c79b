/**
 * Loading plugins from plugin directories: each plugin in a module layer of its own ({@link
 * org.dec4j.runtime.plugins.PluginDirectory}), and where the directories are looked for ({@link
 * org.dec4j.runtime.plugins.PluginPath}). {@link org.dec4j.runtime.PluginRegistry} finds the
 * providers in the layers and isolates the failures.
 */
package org.dec4j.runtime.plugins;
