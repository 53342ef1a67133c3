/* first-frame.c: launch a program and time its first painted frame
 *
 * An external observer, the same for every program it times.  It
 * selects SubstructureNotify on the root window, asks DAMAGE for raw
 * rectangles on every top-level window as soon as it is created, then
 * forks and execs the command.  Times are CLOCK_MONOTONIC milliseconds
 * from just before fork():
 *
 *   map      the program's first top-level window is mapped;
 *   paint    the first frame the program draws into a mapped top-level
 *            window.  Mapping itself makes the server report the whole
 *            window damaged at once (Xvfb does, even with GTK 4's
 *            background None), before the program has drawn anything:
 *            that first report after each MapNotify is skipped.  The
 *            next one is the program's first frame; checked against
 *            GdkFrameClock::after-paint in the program, they agree to
 *            a fraction of a millisecond;
 *   cpu      the CPU time the program's threads had used when the first
 *            frame was seen (the sum of /proc/PID/task/TID/schedstat;
 *            threads that already ended are not counted), in ms: unlike
 *            the wall-clock figures, it hardly moves with the load of a
 *            shared machine;
 *   ready    with --ready: the program writes "ready MS" on stderr, MS
 *            its own CLOCK_MONOTONIC time in ms (Undersigned does with
 *            UNDERSIGNED_REPORT_READY=1), made relative to the same
 *            launch instant.
 *
 * It prints "map M paint P cpu C [ready R]" once it has what it waits for
 * (and, with --linger S, after S more seconds of watching), then ends
 * the program (SIGTERM, then SIGKILL) and waits for it, so that each
 * run starts alone.  FIRST_FRAME_VERBOSE=1 logs every event, and passes
 * the program's stderr through.
 *
 * usage: first-frame [--ready] [--linger S] [--timeout S] -- COMMAND [ARGS...]
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <X11/Xlib.h>
#include <X11/extensions/Xdamage.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double
now_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* The CPU time of all of PID's threads so far, in ms; -1 if unknown. */
static double
cpu_ms (pid_t pid)
{
  char path[64];
  DIR *dir;
  struct dirent *entry;
  double total = 0;
  int found = 0;

  snprintf (path, sizeof path, "/proc/%d/task", (int) pid);
  dir = opendir (path);
  if (dir == NULL)
    return -1;
  while ((entry = readdir (dir)) != NULL)
    {
      char stat_path[384];
      unsigned long long run_ns;
      FILE *file;

      if (entry->d_name[0] == '.')
        continue;
      snprintf (stat_path, sizeof stat_path, "%s/%s/schedstat", path, entry->d_name);
      file = fopen (stat_path, "r");
      if (file == NULL)
        continue;
      if (fscanf (file, "%llu", &run_ns) == 1)
        {
          total += run_ns / 1e6;
          found = 1;
        }
      fclose (file);
    }
  closedir (dir);
  return found ? total : -1;
}

static int
ignore_errors (Display     *display,
               XErrorEvent *event)
{
  /* A window may be gone before DAMAGE is asked about it. */
  return 0;
}

static void
stop_child (pid_t pid)
{
  int status;

  kill (pid, SIGTERM);
  for (int i = 0; i < 200; i++)
    {
      if (waitpid (pid, &status, WNOHANG) == pid)
        return;
      usleep (10000);
    }
  kill (pid, SIGKILL);
  waitpid (pid, &status, 0);
}

int
main (int   argc,
      char *argv[])
{
  Display *display;
  Window root;
  int damage_event, damage_error;
  int want_ready = 0;
  double timeout_s = 30, linger_ms = 0, done = -1, start, map = -1, paint = -1, ready = -1, cpu = -1;
  struct { Window window; int exposed; } mapped[64];
  int n_mapped = 0;
  int pipe_fds[2];
  char line[256];
  size_t line_len = 0;
  pid_t pid;
  int i;

  for (i = 1; i < argc && strcmp (argv[i], "--") != 0; i++)
    {
      if (strcmp (argv[i], "--ready") == 0)
        want_ready = 1;
      else if (strcmp (argv[i], "--linger") == 0 && i + 1 < argc)
        linger_ms = atof (argv[++i]) * 1000;
      else if (strcmp (argv[i], "--timeout") == 0 && i + 1 < argc)
        timeout_s = atof (argv[++i]);
      else
        {
          fprintf (stderr, "usage: first-frame [--ready] [--linger S] [--timeout S] -- COMMAND [ARGS...]\n");
          return 2;
        }
    }
  if (i + 1 >= argc)
    {
      fprintf (stderr, "usage: first-frame [--ready] [--linger S] [--timeout S] -- COMMAND [ARGS...]\n");
      return 2;
    }

  display = XOpenDisplay (NULL);
  if (display == NULL)
    {
      fprintf (stderr, "first-frame: cannot open display\n");
      return 1;
    }
  if (!XDamageQueryExtension (display, &damage_event, &damage_error))
    {
      fprintf (stderr, "first-frame: no DAMAGE extension\n");
      return 1;
    }
  XSetErrorHandler (ignore_errors);
  root = DefaultRootWindow (display);
  XSelectInput (display, root, SubstructureNotifyMask);
  XSync (display, False);

  if (pipe (pipe_fds) != 0)
    return 1;

  start = now_ms ();
  if (getenv ("FIRST_FRAME_VERBOSE"))
    fprintf (stderr, "start %.1f\n", start);
  pid = fork ();
  if (pid < 0)
    return 1;
  if (pid == 0)
    {
      close (pipe_fds[0]);
      dup2 (pipe_fds[1], STDERR_FILENO);
      close (pipe_fds[1]);
      close (ConnectionNumber (display));
      execvp (argv[i + 1], argv + i + 1);
      _exit (127);
    }
  close (pipe_fds[1]);
  fcntl (pipe_fds[0], F_SETFL, O_NONBLOCK);

  while (now_ms () - start < timeout_s * 1000)
    {
      struct pollfd fds[2] = {
        { ConnectionNumber (display), POLLIN, 0 },
        { pipe_fds[0], POLLIN, 0 },
      };
      int n_fds = pipe_fds[0] >= 0 ? 2 : 1;

      while (XPending (display))
        {
          XEvent event;
          double t;

          XNextEvent (display, &event);
          t = now_ms () - start;
          if (event.type == CreateNotify && event.xcreatewindow.parent == root)
            XDamageCreate (display, event.xcreatewindow.window, XDamageReportRawRectangles);
          else if (event.type == MapNotify && event.xmap.event == root)
            {
              if (getenv ("FIRST_FRAME_VERBOSE"))
                fprintf (stderr, "map %.1f 0x%lx\n", t, event.xmap.window);
              if (map < 0)
                map = t;
              if (n_mapped < 64)
                {
                  mapped[n_mapped].window = event.xmap.window;
                  mapped[n_mapped++].exposed = 0;
                }
            }
          else if (event.type == damage_event + XDamageNotify)
            {
              XDamageNotifyEvent *damage = (XDamageNotifyEvent *) &event;

              for (int w = 0; w < n_mapped; w++)
                {
                  if (mapped[w].window != damage->drawable)
                    continue;
                  /* The server's own exposure of the new window, not
                   * the program's drawing: skip it.
                   */
                  if (!mapped[w].exposed)
                    mapped[w].exposed = !damage->more;
                  else if (paint < 0)
                    {
                      paint = t;
                      cpu = cpu_ms (pid);
                    }
                }
              if (getenv ("FIRST_FRAME_VERBOSE"))
                fprintf (stderr, "damage %.1f 0x%lx more %d %dx%d+%d+%d\n", t, damage->drawable, damage->more,
                         damage->area.width, damage->area.height, damage->area.x, damage->area.y);
            }
        }

      if (done < 0 && paint >= 0 && (!want_ready || ready >= 0))
        done = now_ms ();
      if (done >= 0 && now_ms () - done >= linger_ms)
        break;
      if (poll (fds, n_fds, 10) < 0 && errno != EINTR)
        break;

      if (n_fds == 2 && (fds[1].revents & (POLLIN | POLLHUP)))
        {
          ssize_t n;
          char c;

          /* The program's stderr, a line at a time; only "ready" matters. */
          while ((n = read (pipe_fds[0], &c, 1)) == 1)
            {
              if (c != '\n')
                {
                  if (line_len < sizeof line - 1)
                    line[line_len++] = c;
                  continue;
                }
              line[line_len] = '\0';
              line_len = 0;
              if (strncmp (line, "ready ", 6) == 0 && ready < 0)
                ready = atof (line + 6) - start;
              else if (getenv ("FIRST_FRAME_VERBOSE"))
                fprintf (stderr, "%s\n", line);
            }
          if (n == 0)
            {
              close (pipe_fds[0]);
              pipe_fds[0] = -1;
            }
        }
    }

  stop_child (pid);
  if (pipe_fds[0] >= 0)
    close (pipe_fds[0]);
  XCloseDisplay (display);

  if (paint < 0 || (want_ready && ready < 0))
    {
      fprintf (stderr, "first-frame: timed out (map %.1f paint %.1f ready %.1f)\n", map, paint, ready);
      return 1;
    }
  printf ("map %.1f paint %.1f cpu %.1f", map, paint, cpu);
  if (want_ready)
    printf (" ready %.1f", ready);
  printf ("\n");
  return 0;
}
