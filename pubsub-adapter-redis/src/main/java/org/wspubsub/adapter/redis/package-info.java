/**
 * The Redis broker adapter (Lettuce). Not implemented yet: this module only reserves its place in
 * the build; its issue builds the adapter against {@link org.wspubsub.api.adapter.BrokerAdapter}
 * and the contract kit.
 */
package org.wspubsub.adapter.redis;
