// Subscribes over GraphQL's WebSocket (graphql-transport-ws) and prints each push as a JSON line.
// Usage: node --experimental-websocket scripts/subscribe.mjs TOKEN 'subscription { ... }' ['{"variables": ...}'] [ws://localhost:8080/graphql]
const [token, query, variables = '{}', url = 'ws://localhost:8080/graphql'] = process.argv.slice(2);
if (!token || !query) {
  console.error('usage: subscribe.mjs TOKEN QUERY [VARIABLES_JSON] [URL]');
  process.exit(2);
}
const socket = new WebSocket(url, 'graphql-transport-ws');
socket.onopen = () => socket.send(JSON.stringify({ type: 'connection_init', payload: { Authorization: `Bearer ${token}` } }));
socket.onmessage = ({ data }) => {
  const message = JSON.parse(data);
  if (message.type === 'connection_ack') {
    socket.send(JSON.stringify({ id: '1', type: 'subscribe', payload: { query, variables: JSON.parse(variables) } }));
  } else if (message.type === 'ping') {
    socket.send(JSON.stringify({ type: 'pong' }));
  } else if (message.type === 'next' || message.type === 'error') {
    console.log(JSON.stringify(message.payload));
  } else if (message.type === 'complete') {
    socket.close(1000);
  }
};
socket.onclose = ({ code, reason }) => {
  console.error(`closed ${code} ${reason}`);
  process.exit(code === 1000 ? 0 : 1);
};
