package dev.ssehub.bench;

import java.nio.file.Path;

/**
 * The nginx.conf of the nchan peer, set up to mirror the hub as the benchmark runs it: one
 * EventSource location and one HTTP publisher location on a channel named by {@code ?topic=},
 * 10,000 messages kept for an hour (the hub's history), a comment as often as the hub's
 * heartbeat, and room for the 20,000 connections one process may hold here.
 */
final class NchanConfig {

    static final String SUBSCRIBE = "/sub";
    static final String PUBLISH = "/pub";
    static final String VERSION = "/version";

    private NchanConfig() {
    }

    /**
     * @param workers worker processes: as many as the hub's JVM has cores (see the comment written below)
     * @param files the limit of open files per process, which bounds the connections a worker may hold
     * @param heartbeatSeconds the hub's {@code ssehub.heartbeat.seconds} in the scenario
     */
    static String text(Path module, int port, int workers, int files, int heartbeatSeconds) {
        return """
                # Written by the SSE Hub benchmark (NchanConfig); nginx runs with -p pointing at this directory.
                load_module %1$s;

                # One worker per core, which is also what nginx's "auto" would pick. The hub's JVM runs
                # on every core (its writer threads are as many as the cores, at least two), so a single
                # worker would cap nchan at one core of the two and measure the cap rather than nchan.
                # Publisher and subscribers may land on different workers; nchan hands messages between
                # them through its shared memory, as it does in production.
                worker_processes %3$d;
                worker_rlimit_nofile %4$d;
                pid nginx.pid;
                error_log error.log warn;

                events {
                    worker_connections %4$d;
                }

                http {
                    # the hub logs no requests either
                    access_log off;
                    default_type text/plain;
                    # Jetty keeps the publisher's connections open for good; nginx's default closes them
                    # every 1,000 requests
                    keepalive_requests 100000000;
                    # the compiled-in paths under /var/lib/nginx belong to the system's nginx
                    client_body_temp_path temp/body;
                    proxy_temp_path temp/proxy;
                    fastcgi_temp_path temp/fastcgi;
                    uwsgi_temp_path temp/uwsgi;
                    scgi_temp_path temp/scgi;

                    nchan_message_buffer_length 10000;
                    nchan_message_timeout 1h;

                    server {
                        # the same accept queue as the hub's Jetty connector
                        listen 127.0.0.1:%2$d backlog=4096;

                        location = %5$s {
                            nchan_subscriber eventsource;
                            nchan_channel_id $arg_topic;
                            # like the hub: a stream without Last-Event-ID starts with the next event
                            nchan_subscriber_first_message newest;
                            # like the hub's heartbeat: an empty comment, ":" and a blank line
                            nchan_eventsource_ping_interval %8$d;
                            nchan_eventsource_ping_event "";
                            nchan_eventsource_ping_comment "";
                        }

                        location = %6$s {
                            nchan_publisher http;
                            nchan_channel_id $arg_topic;
                        }

                        location = %7$s {
                            return 200 "nginx/$nginx_version nchan/$nchan_version";
                        }
                    }
                }
                """.formatted(module, port, workers, files, SUBSCRIBE, PUBLISH, VERSION, heartbeatSeconds);
    }
}
