/**
 * {@code roster serve}: drop folders and schedules as Spring Integration flows. A file in
 * {@code $ROSTER_HOME/inbox/<account>/<job>/} runs that job for that account once it is complete: at its turn it is
 * moved into the private {@code work/} folder and copied there, the job runs on the copy, and the copy is filed to
 * {@code archive/} or {@code failed/} only after its job ended; schedules bring an HR system's newest file in.
 */
package dev.roster.inbox;
