package dev.mosaic.host.audit;

import dev.mosaic.plan.audit.AuditEvent;
import dev.mosaic.plan.audit.AuditSink;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends audit events to a syslog receiver (rsyslog, syslog-ng, a SIEM's collector) as RFC 5424
 * messages over TCP with octet-counting framing (RFC 6587), optionally over TLS (RFC 5425), so a
 * fleet of hosts can keep their trails in one place.
 *
 * <p>Each message: facility {@code log audit} (13), severity {@code notice} for denials, refusals
 * and errors and {@code informational} otherwise; APP-NAME {@code mosaic}; MSGID the event type;
 * structured data {@code [mosaic@32473 tenant="..." component="..."]}; the message the event as one
 * JSON object, as in the file log but without {@code seq} and {@code prev_hash} (the chain and its
 * seals belong to the file). {@link #record} returns once the message is written to the socket; a
 * broken connection is reopened once, and a second failure throws, so no event is dropped silently.
 * Blocking socket streams are used, which an interrupt does not close.
 */
public final class SyslogAuditSink implements AuditSink, AutoCloseable {
  private static final int FACILITY_LOG_AUDIT = 13;
  private static final int INFO = 6;
  private static final int NOTICE = 5;

  private final InetSocketAddress address;
  private final SocketFactory sockets;
  private final Duration timeout;
  private final String hostname;
  private final String procId;
  private Socket socket;
  private OutputStream out;

  private SyslogAuditSink(InetSocketAddress address, SocketFactory sockets, Duration timeout) {
    this.address = address;
    this.sockets = sockets;
    this.timeout = timeout;
    this.hostname = localHostName();
    this.procId = Long.toString(ProcessHandle.current().pid());
  }

  /** A sink that sends over plain TCP, for a receiver on a trusted network or this host. */
  public static SyslogAuditSink tcp(String host, int port) {
    return new SyslogAuditSink(
        new InetSocketAddress(host, port), SocketFactory.getDefault(), Duration.ofSeconds(10));
  }

  /**
   * A sink that sends over TLS with the given socket factory (its trust store decides which
   * receivers are believed); the receiver's host name is checked against its certificate.
   */
  public static SyslogAuditSink tls(String host, int port, SSLSocketFactory factory) {
    return new SyslogAuditSink(
        new InetSocketAddress(host, port), Objects.requireNonNull(factory), Duration.ofSeconds(10));
  }

  @Override
  public synchronized void record(AuditEvent event) {
    byte[] message = frame(format(event));
    try {
      send(message);
    } catch (IOException first) {
      disconnect();
      try {
        send(message);
      } catch (IOException second) {
        disconnect();
        throw new UncheckedIOException("cannot send audit event to syslog at " + address, second);
      }
    }
  }

  private void send(byte[] message) throws IOException {
    if (socket == null) {
      Socket s = sockets.createSocket();
      try {
        s.connect(address, (int) timeout.toMillis());
        s.setSoTimeout((int) timeout.toMillis());
        if (s instanceof SSLSocket tls) {
          var params = tls.getSSLParameters();
          params.setEndpointIdentificationAlgorithm("HTTPS");
          tls.setSSLParameters(params);
          tls.startHandshake();
        }
      } catch (IOException e) {
        s.close();
        throw e;
      }
      socket = s;
      out = s.getOutputStream();
    }
    out.write(message);
    out.flush();
  }

  private static byte[] frame(byte[] message) {
    byte[] length = (message.length + " ").getBytes(StandardCharsets.US_ASCII);
    byte[] framed = new byte[length.length + message.length];
    System.arraycopy(length, 0, framed, 0, length.length);
    System.arraycopy(message, 0, framed, length.length, message.length);
    return framed;
  }

  /** The RFC 5424 message of an event, without framing. */
  byte[] format(AuditEvent event) {
    String result = event.details().getOrDefault("result", "");
    int severity =
        switch (result) {
          case "denied", "rejected", "error" -> NOTICE;
          default -> INFO;
        };
    StringBuilder header = new StringBuilder(128);
    header
        .append('<')
        .append(FACILITY_LOG_AUDIT * 8 + severity)
        .append(">1 ")
        .append(AuditLine.timestamp(event))
        .append(' ')
        .append(hostname)
        .append(" mosaic ")
        .append(procId)
        .append(' ')
        .append(printable(event.eventType(), 32))
        .append(" [mosaic@32473 tenant=\"")
        .append(paramValue(event.tenantId()))
        .append("\" component=\"")
        .append(paramValue(event.componentId()))
        .append("\"] ");
    byte[] head = header.toString().getBytes(StandardCharsets.UTF_8);
    byte[] body = json(event);
    // The BOM says the message is UTF-8 (RFC 5424, section 6.4).
    byte[] out = new byte[head.length + 3 + body.length];
    System.arraycopy(head, 0, out, 0, head.length);
    out[head.length] = (byte) 0xEF;
    out[head.length + 1] = (byte) 0xBB;
    out[head.length + 2] = (byte) 0xBF;
    System.arraycopy(body, 0, out, head.length + 3, body.length);
    return out;
  }

  private static byte[] json(AuditEvent event) {
    // The file line's encoder, minus the chain fields.
    byte[] line = AuditLine.encode(event, 1, "");
    String text = new String(line, StandardCharsets.UTF_8);
    int cut = text.lastIndexOf(",\"seq\":");
    return (text.substring(0, cut) + "}").getBytes(StandardCharsets.UTF_8);
  }

  /** PRINTUSASCII without spaces, at most {@code max} characters; {@code -} when empty. */
  static String printable(String s, int max) {
    StringBuilder b = new StringBuilder(Math.min(s.length(), max));
    for (int i = 0; i < s.length() && b.length() < max; i++) {
      char c = s.charAt(i);
      b.append(c > 32 && c < 127 ? c : '_');
    }
    return b.isEmpty() ? "-" : b.toString();
  }

  /** An SD-PARAM value: {@code "}, {@code \} and {@code ]} escaped (RFC 5424, section 6.3.3). */
  static String paramValue(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\' || c == ']') {
        b.append('\\');
      }
      b.append(c);
    }
    return b.toString();
  }

  private static String localHostName() {
    try {
      return printable(InetAddress.getLocalHost().getHostName(), 255);
    } catch (UnknownHostException e) {
      return "-";
    }
  }

  private void disconnect() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // Closing a broken connection; the next send opens a new one.
      }
      socket = null;
      out = null;
    }
  }

  @Override
  public synchronized void close() {
    disconnect();
  }
}
