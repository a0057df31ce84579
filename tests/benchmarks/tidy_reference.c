/* The tidy-tree core of orgdesigner/layout/tidy.py in C: the practical speed limit the
 * benchmark compares the Python layout with. Same algorithm (van der Ploeg's linear-time
 * Walker for variable-size nodes, no recursion), same card sizes, levels aligned.
 *
 * Usage: tidy_reference PARENTS_FILE [REPEATS]
 * PARENTS_FILE: the node count, then each node's parent number (-1 for the root, node 0),
 * nodes in pre-order. Prints the median time in milliseconds of the layout alone and of
 * building the child lists plus the layout, then the tree's width.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define CARD_W 184.0
#define CARD_H 72.0
#define GAP 16.0
#define LEVEL_GAP 44.0

static int n;
static int *parent, *kid_start, *kids, *kid_count, *depth, *order_internal;
static int n_internal;
static double *breadth, *bottom, *prelim, *mod, *shift_, *change, *msel, *mser, *x, *modsum;
static int *el, *er, *next_left, *next_right, *iyl_index;
static double *iyl_low;

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static double layout_once(void) {
    for (int i = 0; i < n; i++) {
        prelim[i] = mod[i] = shift_[i] = change[i] = msel[i] = mser[i] = x[i] = modsum[i] = 0.0;
        el[i] = er[i] = i;
        next_left[i] = next_right[i] = -1;
        breadth[i] = CARD_W + GAP;
        bottom[i] = depth[i] * (CARD_H + LEVEL_GAP) + CARD_H;
    }
    for (int k = 0; k < n_internal; k++) {
        int t = order_internal[k];
        next_left[t] = kids[kid_start[t]];
        next_right[t] = kids[kid_start[t] + kid_count[t] - 1];
    }
    for (int k = n_internal - 1; k >= 0; k--) {
        int t = order_internal[k];
        int *ch = kids + kid_start[t];
        int cs = kid_count[t];
        int c0 = ch[0];
        int top = 0;
        iyl_low[0] = bottom[er[c0]];
        iyl_index[0] = 0;
        for (int i = 1; i < cs; i++) {
            int ci = ch[i];
            double min_y = bottom[er[ci]];
            int sr = ch[i - 1], cl = ci;
            double mssr = mod[sr], mscl = mod[cl];
            int p = top;
            while (sr >= 0 && cl >= 0) {
                double b_sr = bottom[sr];
                if (p > 0 && b_sr > iyl_low[p]) p--;
                double dist = mssr + prelim[sr] + breadth[sr] - mscl - prelim[cl];
                if (dist > 0) {
                    mscl += dist;
                    mod[ci] += dist; msel[ci] += dist; mser[ci] += dist;
                    int si = iyl_index[p];
                    if (si != i - 1) {
                        double part = dist / (i - si);
                        shift_[ch[si + 1]] += part;
                        shift_[ci] -= part;
                        change[ci] -= dist - part;
                    }
                }
                double b_cl = bottom[cl];
                if (b_sr <= b_cl) { sr = next_right[sr]; if (sr >= 0) mssr += mod[sr]; }
                if (b_sr >= b_cl) { cl = next_left[cl]; if (cl >= 0) mscl += mod[cl]; }
            }
            if (sr < 0 && cl >= 0) {
                int li = el[c0];
                next_left[li] = cl;
                double diff = (mscl - mod[cl]) - msel[c0];
                mod[li] += diff; prelim[li] -= diff;
                el[c0] = el[ci]; msel[c0] = msel[ci];
            } else if (cl < 0 && sr >= 0) {
                int ri = er[ci];
                next_right[ri] = sr;
                double diff = (mssr - mod[sr]) - mser[ci];
                mod[ri] += diff; prelim[ri] -= diff;
                er[ci] = er[ch[i - 1]]; mser[ci] = mser[ch[i - 1]];
            }
            while (top >= 0 && min_y >= iyl_low[top]) top--;
            top++;
            iyl_low[top] = min_y;
            iyl_index[top] = i;
        }
        int last = ch[cs - 1];
        prelim[t] = (prelim[c0] + mod[c0] + mod[last] + prelim[last] + breadth[last] - breadth[t]) / 2;
        el[t] = el[c0]; msel[t] = msel[c0];
        er[t] = er[last]; mser[t] = mser[last];
    }
    modsum[0] = mod[0];
    x[0] = prelim[0] + mod[0];
    double low = x[0], high = x[0] + breadth[0];
    for (int k = 0; k < n_internal; k++) {
        int t = order_internal[k];
        double base = modsum[t], d = 0.0, delta = 0.0;
        for (int j = 0; j < kid_count[t]; j++) {
            int c = kids[kid_start[t] + j];
            d += shift_[c];
            delta += d + change[c];
            double total = base + mod[c] + delta;
            modsum[c] = total;
            double pos = prelim[c] + total;
            x[c] = pos;
            if (pos < low) low = pos;
            if (pos + breadth[c] > high) high = pos + breadth[c];
        }
    }
    return high - low;
}

static void build_tree(void) {
    memset(kid_count, 0, n * sizeof(int));
    for (int i = 1; i < n; i++) { kid_count[parent[i]]++; depth[i] = depth[parent[i]] + 1; }
    int pos = 0;
    for (int i = 0; i < n; i++) { kid_start[i] = pos; pos += kid_count[i]; }
    int *fill = calloc(n, sizeof(int));
    for (int i = 1; i < n; i++) { int p = parent[i]; kids[kid_start[p] + fill[p]++] = i; }
    free(fill);
    n_internal = 0;
    for (int i = 0; i < n; i++) if (kid_count[i]) order_internal[n_internal++] = i;
}

static int cmp(const void *a, const void *b) {
    double d = *(const double *)a - *(const double *)b;
    return (d > 0) - (d < 0);
}

int main(int argc, char **argv) {
    if (argc < 2) { fprintf(stderr, "usage: %s PARENTS_FILE [REPEATS]\n", argv[0]); return 2; }
    int repeats = argc > 2 ? atoi(argv[2]) : 7;
    FILE *f = fopen(argv[1], "r");
    if (!f || fscanf(f, "%d", &n) != 1 || n < 1) { fprintf(stderr, "cannot read %s\n", argv[1]); return 2; }
    parent = malloc(n * sizeof(int)); depth = calloc(n, sizeof(int));
    kid_count = calloc(n, sizeof(int)); kid_start = calloc(n, sizeof(int)); kids = malloc(n * sizeof(int));
    order_internal = malloc(n * sizeof(int));
    for (int i = 0; i < n; i++) {
        if (fscanf(f, "%d", &parent[i]) != 1) { fprintf(stderr, "short file\n"); return 2; }
    }
    fclose(f);
    double **arrays[] = {&breadth, &bottom, &prelim, &mod, &shift_, &change, &msel, &mser, &x, &modsum, &iyl_low};
    for (size_t a = 0; a < sizeof arrays / sizeof *arrays; a++) *arrays[a] = malloc(n * sizeof(double));
    int **iarrays[] = {&el, &er, &next_left, &next_right, &iyl_index};
    for (size_t a = 0; a < sizeof iarrays / sizeof *iarrays; a++) *iarrays[a] = malloc(n * sizeof(int));
    double *times = malloc(repeats * sizeof(double)), *whole = malloc(repeats * sizeof(double)), width = 0;
    for (int r = 0; r < repeats; r++) {
        double t0 = now_ms();
        build_tree();
        double t1 = now_ms();
        width = layout_once();
        double t2 = now_ms();
        times[r] = t2 - t1;
        whole[r] = t2 - t0;
    }
    qsort(times, repeats, sizeof(double), cmp);
    qsort(whole, repeats, sizeof(double), cmp);
    printf("%.4f %.4f %.1f\n", times[repeats / 2], whole[repeats / 2], width);
    return 0;
}
