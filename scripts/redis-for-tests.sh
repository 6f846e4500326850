#!/bin/sh
# redis-for-tests.sh makes sure a Redis answers at 127.0.0.1:6379 for the
# tests: it does nothing when one already does; otherwise it installs
# redis-server with apt-get if it is missing and starts it without
# persistence. Safe to run any number of times; prints one line.
set -eu

port=6379
ping() { redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; }

if command -v redis-cli >/dev/null 2>&1 && ping; then
	echo "redis-for-tests: Redis already answers at 127.0.0.1:$port"
	exit 0
fi

did=""
if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
	sudo=""
	if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
	$sudo apt-get update -qq >/dev/null
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq redis-server >/dev/null
	did="installed redis-server and "
fi

redis-server --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no >/dev/null

i=0
until ping; do
	i=$((i + 1))
	if [ "$i" -gt 50 ]; then
		echo "redis-for-tests: ${did}started redis-server, but 127.0.0.1:$port does not answer after 5 s" >&2
		exit 1
	fi
	sleep 0.1
done
echo "redis-for-tests: ${did}started redis-server at 127.0.0.1:$port"
