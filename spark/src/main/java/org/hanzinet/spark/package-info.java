/**
 * Data-parallel training on Apache Spark ({@link org.hanzinet.spark.SparkTrainer}): Spark schedules,
 * ships the photos' URIs and re-runs lost tasks; this package supplies the algorithm (synchronous
 * gradient summing by tree aggregation, or parameter averaging every k steps). Spark is a provided
 * dependency of this module only.
 */
package org.hanzinet.spark;
