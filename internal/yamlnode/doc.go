// Package yamlnode holds the helpers the hand-written YAML files (actions
// register, waivers) are read with, walking yaml.v3 nodes: decoding with a
// positioned syntax error, positions, unknown keys with a did-you-mean
// hint, keys set twice, text values and dates.
package yamlnode
