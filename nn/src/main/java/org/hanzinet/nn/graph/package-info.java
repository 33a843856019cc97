/**
 * Graph networks: {@link org.hanzinet.nn.graph.GraphConfig} (the definition, as data: named nodes, each a
 * layer config and the names of its inputs), {@link org.hanzinet.nn.graph.GraphPlan} (validation and the
 * execution order, computed once) and {@link org.hanzinet.nn.graph.Graph} (the module that runs the plan,
 * summing the gradients of a tensor that feeds several nodes). The merge layers are
 * {@link org.hanzinet.nn.layers.Add} and {@link org.hanzinet.nn.layers.Concat}.
 */
package org.hanzinet.nn.graph;
