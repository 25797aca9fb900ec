/* libical's reading of an iCalendar file: parse it, run the RFC 5545/5546 restriction check and
 * print every X-LIC-ERROR libical attached while parsing or checking. Exit 0 when clean. */
#include <stdio.h>
#include <stdlib.h>
#include <libical/ical.h>
int main(int argc, char **argv) {
    FILE *f = fopen(argv[1], "rb");
    if (!f) return 2;
    fseek(f, 0, SEEK_END); long n = ftell(f); rewind(f);
    char *text = malloc(n + 1);
    if (fread(text, 1, n, f) != (size_t)n) return 2;
    text[n] = 0; fclose(f);
    icalcomponent *calendar = icalparser_parse_string(text);
    if (!calendar) { printf("unparsable\n"); return 1; }
    int valid = icalrestriction_check(calendar);
    int errors = 0;
    for (icalcomponent *c = icalcomponent_get_first_component(calendar, ICAL_ANY_COMPONENT); c;
         c = icalcomponent_get_next_component(calendar, ICAL_ANY_COMPONENT)) {
        for (icalproperty *p = icalcomponent_get_first_property(c, ICAL_XLICERROR_PROPERTY); p;
             p = icalcomponent_get_next_property(c, ICAL_XLICERROR_PROPERTY)) {
            printf("%s: %s\n", icalcomponent_kind_to_string(icalcomponent_isa(c)),
                   icalproperty_get_xlicerror(p));
            errors++;
        }
    }
    for (icalproperty *p = icalcomponent_get_first_property(calendar, ICAL_XLICERROR_PROPERTY); p;
         p = icalcomponent_get_next_property(calendar, ICAL_XLICERROR_PROPERTY)) {
        printf("VCALENDAR: %s\n", icalproperty_get_xlicerror(p)); errors++;
    }
    printf("restriction check: %s\n", valid ? "passed" : "failed");
    return valid && !errors ? 0 : 1;
}
