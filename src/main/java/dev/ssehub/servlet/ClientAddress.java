package dev.ssehub.servlet;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The address a request comes from, for limits per client address. Behind a proxy every request
 * comes from the proxy, so {@code X-Forwarded-For} is read, but only when the peer is a proxy
 * listed in {@code ssehub.proxies.trusted}: anyone else could write any address there. The
 * client is then the last address in the header that is not itself a trusted proxy.
 */
final class ClientAddress {

    /** An IPv6 literal (a colon in it): Java parses it and never asks a resolver. */
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private ClientAddress() {
    }

    static String of(HttpServletRequest request, List<String> trustedProxies) {
        String peer = canonical(request.getRemoteAddr());
        if (trustedProxies.isEmpty() || !isTrusted(peer, trustedProxies)) {
            return peer;
        }
        String forwarded = String.join(",", Collections.list(request.getHeaders("X-Forwarded-For")));
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = canonical(hops[i].trim());
            if (!hop.isEmpty() && !isTrusted(hop, trustedProxies)) {
                return hop;
            }
        }
        return peer;
    }

    private static boolean isTrusted(String address, List<String> trustedProxies) {
        for (String proxy : trustedProxies) {
            if (canonical(proxy).equals(address)) {
                return true;
            }
        }
        return false;
    }

    /**
     * One spelling per address: containers write IPv6 differently ({@code ::1} or
     * {@code 0:0:0:0:0:0:0:1}). Only IPv6 literals are parsed, never a name: that would be a DNS
     * lookup of whatever a client wrote.
     */
    static String canonical(String address) {
        if (address == null || !IPV6_LITERAL.matcher(address).matches()) {
            return address == null ? "" : address;
        }
        try {
            return InetAddress.getByName(address).getHostAddress();
        } catch (UnknownHostException notAnAddress) {
            return address;
        }
    }
}
