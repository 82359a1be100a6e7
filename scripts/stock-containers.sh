#!/usr/bin/env bash
# Deploys target/sse-hub.war, unchanged, as ROOT.war into a stock Tomcat 10.1, a stock Tomcat 11
# and a stock Jetty 12 base (modules http, http2c, ee10-deploy, ee10-annotations, ee10-cdi-decorate),
# starts each with SSEHUB_JWT_SECRET set, and checks the contract over HTTP with curl: the stream
# opens, a published event reaches it, refusals are JSON, and over h2c (Tomcat's Http2Protocol in
# server.xml, Jetty's http2c module) a stream is HTTP/2 and brings its heartbeats. The containers
# come from Maven Central.
set -euo pipefail
cd "$(dirname "$0")/.."

TOMCAT10=10.1.49
TOMCAT11=11.0.14
JETTY=12.0.25
PORT=18090
WAR=${WAR:-target/sse-hub.war}   # .ci/run passes a copy, so that a build beside it cannot change it
WORK=target/stock
export SSEHUB_JWT_SECRET=stock-container-secret-0123456789abcdef
export SSEHUB_HEARTBEAT_SECONDS=1
SERVER_PID=

[ -f "$WAR" ] || { echo "build the WAR first: mvn package" >&2; exit 1; }
rm -rf "$WORK" && mkdir -p "$WORK"

stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=
}
trap stop_server EXIT

fetch() { # group:artifact:version:type → path of the unpacked directory
  local coords=$1 dir=$2
  mvn -q -B dependency:copy -Dartifact="$coords" -DoutputDirectory="$WORK/dl" >/dev/null
  mkdir -p "$dir"
  tar -xzf "$WORK"/dl/"$(echo "$coords" | awk -F: '{print $2"-"$3"."$4}')" -C "$dir" --strip-components=1
}

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

token() { # HS256 JWT with the hub's claims, valid for an hour
  local header payload signature
  header=$(printf '{"alg":"HS256","typ":"JWT"}' | b64url)
  payload=$(printf '{"sub":"ci","exp":%d,"sse":{"publish":["*"],"subscribe":["*"],"admin":true}}' \
    $(( $(date +%s) + 3600 )) | b64url)
  signature=$(printf '%s.%s' "$header" "$payload" | openssl dgst -sha256 -hmac "$SSEHUB_JWT_SECRET" -binary | b64url)
  printf '%s.%s.%s' "$header" "$payload" "$signature"
}

wait_for() { # seconds, command...
  local deadline=$(( $(date +%s) + $1 )); shift
  until "$@"; do
    [ "$(date +%s)" -lt "$deadline" ] || return 1
    sleep 0.5
  done
}

check_contract() {
  local name=$1 base="http://127.0.0.1:$PORT" out="$WORK/$1-stream.txt" status
  wait_for 90 curl -sf "$base/api/health" -o /dev/null || { echo "FAIL $name: never became healthy"; return 1; }
  curl -sN --max-time 20 "$base/api/stream?topic=ci" > "$out" &
  local curl_pid=$!
  wait_for 10 grep -q '^: ok' "$out" || { echo "FAIL $name: stream did not open"; return 1; }

  status=$(curl -s -o "$WORK/$name-publish.json" -w '%{http_code}' -H "Authorization: Bearer $(token)" \
    -H 'Content-Type: application/json' -d '{"topic":"ci","event":"check","data":"from '"$name"' ✓"}' "$base/api/events")
  [ "$status" = 202 ] || { echo "FAIL $name: publish gave $status"; cat "$WORK/$name-publish.json"; return 1; }
  wait_for 10 grep -q "^data: from $name ✓" "$out" || { echo "FAIL $name: event did not arrive"; cat "$out"; return 1; }
  grep -q '^event: check' "$out" && grep -q '^id: [0-9]*-1$' "$out" || { echo "FAIL $name: frame"; cat "$out"; return 1; }

  status=$(curl -s -o "$WORK/$name-401.json" -w '%{http_code}' -H 'Content-Type: application/json' -d '{}' "$base/api/events")
  [ "$status" = 401 ] && grep -q '"error"' "$WORK/$name-401.json" || { echo "FAIL $name: unauthenticated publish gave $status"; return 1; }
  status=$(curl -s -o "$WORK/$name-400.json" -w '%{http_code}' "$base/api/stream?topic=bad%20topic")
  [ "$status" = 400 ] && grep -q '"bad_request"' "$WORK/$name-400.json" || { echo "FAIL $name: bad topic gave $status"; return 1; }
  status=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $(token)" "$base/api/stats")
  [ "$status" = 200 ] || { echo "FAIL $name: stats gave $status"; return 1; }

  kill "$curl_pid" 2>/dev/null || true

  # h2c with prior knowledge, as a proxy speaking HTTP/2 to the node would: two heartbeats arrive
  local h2="$WORK/$name-h2c.txt"
  curl -sv --http2-prior-knowledge -N --max-time 30 "$base/api/stream?topic=ci" > "$h2" 2> "$h2.headers" &
  curl_pid=$!
  heartbeats() { [ "$(grep -c '^:$' "$h2")" -ge 2 ]; }
  wait_for 15 heartbeats && grep -q '^< HTTP/2 200' "$h2.headers" \
    || { echo "FAIL $name: h2c stream"; cat "$h2.headers" "$h2"; return 1; }
  kill "$curl_pid" 2>/dev/null || true
  echo "ok   $name serves the contract, over HTTP/1.1 and h2c"
}

run_tomcat() {
  local version=$1 home="$WORK/tomcat-$1"
  fetch "org.apache.tomcat:tomcat:$version:tar.gz" "$home"
  # h2c on the HTTP connector, as docker/Dockerfile.tomcat sets it
  sed -i '/<Connector port="8080"/,/\/>/ s|/>|><UpgradeProtocol className="org.apache.coyote.http2.Http2Protocol"/></Connector>|' \
    "$home/conf/server.xml"
  sed -i "s/port=\"8080\"/port=\"$PORT\"/; s/port=\"8005\"/port=\"-1\"/" "$home/conf/server.xml"
  rm -rf "$home/webapps/"*
  cp "$WAR" "$home/webapps/ROOT.war"
  CATALINA_HOME="$home" CATALINA_BASE="$home" "$home/bin/catalina.sh" run > "$WORK/tomcat-$version.log" 2>&1 &
  SERVER_PID=$!
  check_contract "tomcat-$version" || { tail -50 "$WORK/tomcat-$version.log"; return 1; }
  stop_server
}

run_jetty() {
  local home="$WORK/jetty-home" base="$WORK/jetty-base"
  fetch "org.eclipse.jetty:jetty-home:$JETTY:tar.gz" "$home"
  mkdir -p "$base"
  (cd "$base" && java -jar "../jetty-home/start.jar" --add-modules=http,http2c,ee10-deploy,ee10-annotations,ee10-cdi-decorate > ../jetty-modules.log 2>&1)
  cp "$WAR" "$base/webapps/ROOT.war"
  (cd "$base" && exec java -jar ../jetty-home/start.jar jetty.http.port=$PORT) > "$WORK/jetty.log" 2>&1 &
  SERVER_PID=$!
  check_contract "jetty-$JETTY" || { tail -50 "$WORK/jetty.log"; return 1; }
  stop_server
}

run_tomcat "$TOMCAT10"
run_tomcat "$TOMCAT11"
run_jetty
echo "3 passed, 0 failed"
