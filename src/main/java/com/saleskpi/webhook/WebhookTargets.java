package com.saleskpi.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Where a webhook may be sent: http or https, to a host whose every address is public, unless
 * WEBHOOK_ALLOW_PRIVATE_TARGETS=true (a webhook must not reach the service's own network: loopback, private, link-local
 * and unique-local addresses, the unspecified address, multicast). Checked when an endpoint is registered and again at
 * each delivery, since what a name resolves to may change.
 */
final class WebhookTargets {

    private WebhookTargets() {
    }

    /** Why the URL may not be a target (a message naming the reason), or null when it may. Resolves its host: blocking. */
    static String refusal(String url, boolean allowPrivate) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            return "is not a URL";
        }
        if (uri.getScheme() == null || !(uri.getScheme().equalsIgnoreCase("http") || uri.getScheme().equalsIgnoreCase("https"))) {
            return "must be an http or https URL";
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return "must name a host, without user information or fragment";
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            return "names a host that does not resolve";
        }
        if (allowPrivate) {
            return null;
        }
        for (InetAddress address : addresses) {
            if (isPrivate(address)) {
                return "resolves to a loopback, private or link-local address (" + address.getHostAddress()
                        + "), which webhooks may not reach unless WEBHOOK_ALLOW_PRIVATE_TARGETS=true";
            }
        }
        return null;
    }

    static boolean isPrivate(InetAddress address) {
        byte[] bytes = address.getAddress();
        boolean uniqueLocalV6 = bytes.length == 16 && (bytes[0] & 0xfe) == 0xfc;
        // 100.64.0.0/10, shared address space (carrier-grade NAT), as private as 10/8 for our purpose
        boolean sharedV4 = bytes.length == 4 && (bytes[0] & 0xff) == 100 && (bytes[1] & 0xc0) == 64;
        return address.isLoopbackAddress() || address.isSiteLocalAddress() || address.isLinkLocalAddress() || address.isAnyLocalAddress()
                || address.isMulticastAddress() || uniqueLocalV6 || sharedV4;
    }
}
