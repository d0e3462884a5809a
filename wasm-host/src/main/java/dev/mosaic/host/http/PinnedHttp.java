package dev.mosaic.host.http;

import dev.mosaic.host.HostLimits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * One HTTP/1.1 exchange with the address that was checked. {@link java.net.http.HttpClient}
 * resolves the host itself when it connects, so a name could resolve to an allowed address when the
 * policy looks and to a denied one a moment later (DNS rebinding); it has no way to pin an address.
 * This client connects a socket to the checked address and speaks HTTP/1.1 over it, with the {@code
 * Host} header, TLS SNI and certificate hostname verification ({@code HTTPS} endpoint
 * identification) on the name, as curl does with {@code --resolve}. It sends {@code Connection:
 * close}, follows no redirects, asks for no compression, and bounds everything it reads: the status
 * line and headers (64 KiB), the body ({@link HostLimits#maxHttpResponseBytes()}) and the time of
 * the whole exchange ({@link HostLimits#httpTimeoutMillis()}), checked before every read. The
 * socket comes from a {@link SocketChannel}, so an interrupt of the calling thread closes it at
 * once.
 */
public final class PinnedHttp {
  private static final int MAX_HEAD_BYTES = 64 * 1024;

  /** A response: status and body (not more than the cap plus one byte). */
  record Response(int status, byte[] body) {}

  /** The body was longer than the cap. */
  static final class TooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    TooLargeException() {
      super("response over the size cap");
    }
  }

  private final SSLContext tls;
  private final long timeoutMillis;
  private final long maxBodyBytes;

  public PinnedHttp(SSLContext tls, long timeoutMillis, long maxBodyBytes) {
    this.tls = tls;
    this.timeoutMillis = timeoutMillis;
    this.maxBodyBytes = maxBodyBytes;
  }

  /** Sends {@code method} to {@code target} at {@code address}; {@code body} for POST. */
  Response exchange(HttpTarget target, InetAddress address, String method, byte[] body)
      throws IOException {
    return exchange(target, address, method, body, deadline(Long.MAX_VALUE));
  }

  /**
   * The {@link System#nanoTime()} by which an exchange starting now must end: the host's timeout,
   * or {@code limitMillis} (what is left of the guest's call) when that is shorter.
   */
  long deadline(long limitMillis) {
    return System.nanoTime() + Math.min(timeoutMillis, limitMillis) * 1_000_000L;
  }

  /**
   * Sends {@code method} to {@code target} at {@code address} and reads the response, all before
   * {@code deadline} ({@link System#nanoTime()}); past it a {@link SocketTimeoutException}.
   */
  Response exchange(
      HttpTarget target, InetAddress address, String method, byte[] body, long deadline)
      throws IOException {
    try (SocketChannel channel = SocketChannel.open()) {
      Socket socket = channel.socket();
      socket.connect(new InetSocketAddress(address, target.port()), remaining(deadline));
      socket.setSoTimeout(remaining(deadline));
      Socket io = socket;
      if (target.scheme().equals("https")) {
        io = handshake(socket, target, deadline);
      }
      try (Socket s = io) {
        OutputStream out = s.getOutputStream();
        out.write(head(target, method, body).getBytes(StandardCharsets.ISO_8859_1));
        if (body != null) {
          out.write(body);
        }
        out.flush();
        return read(s, s.getInputStream(), method, deadline);
      }
    }
  }

  private SSLSocket handshake(Socket socket, HttpTarget target, long deadline) throws IOException {
    String name = target.address() == null ? target.host() : null;
    SSLSocket ssl =
        (SSLSocket)
            tls.getSocketFactory()
                .createSocket(
                    socket,
                    name != null ? name : target.address().getHostAddress(),
                    target.port(),
                    true);
    SSLParameters params = ssl.getSSLParameters();
    params.setEndpointIdentificationAlgorithm("HTTPS");
    if (name != null) {
      params.setServerNames(List.of(new SNIHostName(name)));
    }
    ssl.setSSLParameters(params);
    ssl.setSoTimeout(remaining(deadline));
    ssl.startHandshake();
    return ssl;
  }

  private static String head(HttpTarget target, String method, byte[] body) {
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(target.pathAndQuery()).append(" HTTP/1.1\r\n");
    head.append("Host: ").append(target.authority()).append("\r\n");
    head.append("User-Agent: mosaic\r\n");
    head.append("Accept-Encoding: identity\r\n");
    head.append("Connection: close\r\n");
    if (body != null) {
      head.append("Content-Type: application/octet-stream\r\n");
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    return head.toString();
  }

  private Response read(Socket socket, InputStream in, String method, long deadline)
      throws IOException {
    Reader reader = new Reader(socket, in, deadline);
    while (true) {
      String status = reader.line();
      String[] parts = status.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || parts[1].length() != 3) {
        throw new IOException("malformed status line");
      }
      int code;
      try {
        code = Integer.parseInt(parts[1]);
      } catch (NumberFormatException e) {
        throw new IOException("malformed status line");
      }
      long length = -1;
      boolean chunked = false;
      for (String header = reader.line(); !header.isEmpty(); header = reader.line()) {
        int colon = header.indexOf(':');
        if (colon <= 0) {
          throw new IOException("malformed header");
        }
        String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = header.substring(colon + 1).trim();
        if (name.equals("content-length")) {
          try {
            long next = Long.parseLong(value);
            if (next < 0 || (length >= 0 && next != length)) {
              throw new IOException("conflicting content lengths");
            }
            length = next;
          } catch (NumberFormatException e) {
            throw new IOException("malformed content length");
          }
        } else if (name.equals("transfer-encoding")) {
          chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
          if (!chunked) {
            throw new IOException("unsupported transfer encoding");
          }
        }
      }
      if (code >= 100 && code < 200) {
        continue; // an interim response; the real one follows
      }
      if (method.equals("HEAD") || code == 204 || code == 304) {
        return new Response(code, new byte[0]);
      }
      byte[] body;
      if (chunked) {
        body = reader.chunked(maxBodyBytes);
      } else if (length >= 0) {
        if (length > maxBodyBytes) {
          throw new TooLargeException();
        }
        body = reader.exactly((int) length);
      } else {
        body = reader.untilClose(maxBodyBytes);
      }
      return new Response(code, body);
    }
  }

  private static int remaining(long deadline) throws SocketTimeoutException {
    long left = (deadline - System.nanoTime()) / 1_000_000L;
    if (left <= 0) {
      throw new SocketTimeoutException("the exchange ran past its time limit");
    }
    return (int) Math.min(Integer.MAX_VALUE, left);
  }

  /** Reads a response under the deadline, buffering only what it must. */
  private static final class Reader {
    private final Socket socket;
    private final InputStream in;
    private final long deadline;
    private final byte[] buffer = new byte[8192];
    private int start;
    private int end;
    private int headBytes;

    Reader(Socket socket, InputStream in, long deadline) {
      this.socket = socket;
      this.in = in;
      this.deadline = deadline;
    }

    private boolean fill() throws IOException {
      socket.setSoTimeout(remaining(deadline));
      int n = in.read(buffer, 0, buffer.length);
      if (n < 0) {
        return false;
      }
      start = 0;
      end = n;
      return true;
    }

    private int next() throws IOException {
      if (start == end && !fill()) {
        return -1;
      }
      return buffer[start++] & 0xff;
    }

    /** A line of the head without its CRLF. */
    String line() throws IOException {
      StringBuilder line = new StringBuilder();
      while (true) {
        int c = next();
        if (c < 0) {
          throw new IOException("connection closed in the response head");
        }
        if (++headBytes > MAX_HEAD_BYTES) {
          throw new IOException("response head over " + MAX_HEAD_BYTES + " bytes");
        }
        if (c == '\n') {
          int len = line.length();
          return len > 0 && line.charAt(len - 1) == '\r' ? line.substring(0, len - 1) : "" + line;
        }
        line.append((char) c);
      }
    }

    byte[] exactly(int length) throws IOException {
      byte[] out = new byte[length];
      int got = 0;
      while (got < length) {
        if (start == end && !fill()) {
          throw new IOException("connection closed in the body");
        }
        int n = Math.min(length - got, end - start);
        System.arraycopy(buffer, start, out, got, n);
        start += n;
        got += n;
      }
      return out;
    }

    byte[] untilClose(long max) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      while (start < end || fill()) {
        out.write(buffer, start, end - start);
        start = end;
        if (out.size() > max) {
          throw new TooLargeException();
        }
      }
      return out.toByteArray();
    }

    byte[] chunked(long max) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      while (true) {
        headBytes = 0;
        String size = line();
        int semi = size.indexOf(';');
        String hex = (semi < 0 ? size : size.substring(0, semi)).trim();
        long n;
        try {
          n = hex.isEmpty() || hex.length() > 8 ? -1 : Long.parseLong(hex, 16);
        } catch (NumberFormatException e) {
          n = -1;
        }
        if (n < 0) {
          throw new IOException("malformed chunk size");
        }
        if (n == 0) {
          headBytes = 0;
          for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
            // trailers are read and dropped, within the head's bound
          }
          return out.toByteArray();
        }
        if (out.size() + n > max) {
          throw new TooLargeException();
        }
        out.write(exactly((int) n));
        if (!line().isEmpty()) {
          throw new IOException("malformed chunk");
        }
      }
    }
  }
}
