// A minimal STOMP 1.2 client over the page's WebSocket to /ws/dashboard, enough to
// subscribe to figures: no token is sent (the gateway adds the signed-in person's to the
// handshake), and the connection is reopened after a drop with a growing pause.

const NUL = '\u0000';

function frame(command, headers = {}, body = '') {
  const lines = Object.entries(headers).map(([name, value]) => `${name}:${value}`);
  return `${command}\n${lines.join('\n')}\n\n${body}${NUL}`;
}

function parse(data) {
  const [head, ...rest] = data.split('\n\n');
  const [command, ...lines] = head.replace(/^\n+/, '').split('\n');
  const headers = Object.fromEntries(lines.map((line) => {
    const at = line.indexOf(':');
    return [line.slice(0, at), line.slice(at + 1)];
  }));
  return { command, headers, body: rest.join('\n\n').replace(/\u0000$/, '') };
}

/**
 * Subscribes to a destination; calls onMessage(body) for each update and onState('live'
 * | 'connecting' | 'refused') as the connection changes. Returns a function that stops.
 */
export function subscribe(destination, onMessage, onState) {
  let socket;
  let stopped = false;
  let pause = 1000;
  const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/ws/dashboard`;

  function open() {
    onState('connecting');
    socket = new WebSocket(url, ['v12.stomp']);
    socket.addEventListener('open', () => {
      socket.send(frame('CONNECT', { 'accept-version': '1.2', host: window.location.hostname, 'heart-beat': '0,0' }));
    });
    socket.addEventListener('message', (event) => {
      for (const chunk of String(event.data).split(NUL).filter((c) => c.trim())) {
        const message = parse(chunk);
        if (message.command === 'CONNECTED') {
          pause = 1000;
          socket.send(frame('SUBSCRIBE', { id: 'figures', destination, ack: 'auto' }));
          onState('live');
        } else if (message.command === 'MESSAGE') {
          onMessage(message.body);
        } else if (message.command === 'ERROR') {
          onState('refused');
          stopped = true;
          socket.close();
        }
      }
    });
    socket.addEventListener('close', () => {
      if (stopped) return;
      onState('connecting');
      setTimeout(open, pause);
      pause = Math.min(pause * 2, 30_000);
    });
  }

  open();
  return () => {
    stopped = true;
    socket?.close();
  };
}
