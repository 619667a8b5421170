/* double.elf: double-precision workload (hard float, ilp32d). Each round:
 * Simpson integration of a rational function, Horner evaluation of a
 * degree-12 polynomial over a grid, Newton iterations for square roots
 * checked against fsqrt.d, and steps of a 5-body gravitational simulation
 * (sqrt and division in the inner loop). Prints the exact bits of the
 * results (deterministic IEEE arithmetic) and exits 0. `rounds` is
 * volatile; build with -DROUNDS=n for shorter variants. */
#include "rt.h"

#ifndef ROUNDS
#define ROUNDS 660
#endif

volatile uint32_t rounds = ROUNDS;

#define NBODY 5

typedef struct { double x, y, z, vx, vy, vz, m; } body_t;

static body_t bodies[NBODY] = {
    {  0.0,   0.0,  0.0,  0.0,    0.0,   0.0,  39.47841760435743 },
    {  4.84, -1.16, -0.10, 0.606, 2.812, -0.02, 0.03769367487038949 },
    {  8.34,  4.12, -0.40, -1.01, 1.825, 0.008, 0.011286326131968767 },
    { 12.89, -15.11, -0.22, 1.082, 0.868, -0.01, 0.0017237240570597112 },
    { 15.37, -25.91, 0.179, 0.979, 0.594, -0.034, 0.0020336868699246304 },
};

static double f_rational(double x)
{
    return 4.0 / (1.0 + x * x);
}

static double simpson(double a, double b, int n)
{
    double h = (b - a) / n;
    double s = f_rational(a) + f_rational(b);
    for (int i = 1; i < n; i++)
        s += f_rational(a + i * h) * ((i & 1) ? 4.0 : 2.0);
    return s * h / 3.0;
}

static const double poly[13] = {
    1.0, -0.5, 0.25, -0.125, 0.0625, -0.03125, 0.015625,
    -0.0078125, 0.00390625, -0.001953125, 0.0009765625, -0.00048828125, 0.000244140625,
};

static double horner_sum(int n)
{
    double acc = 0.0;
    for (int i = 0; i < n; i++) {
        double x = -1.0 + 2.0 * i / n;
        double p = poly[12];
        for (int k = 11; k >= 0; k--) p = p * x + poly[k];
        acc += p;
    }
    return acc;
}

static double newton_sqrt(double a)
{
    double x = a > 1.0 ? a : 1.0;
    for (int i = 0; i < 60; i++) {
        double nx = 0.5 * (x + a / x);
        if (nx == x) break;
        x = nx;
    }
    return x;
}

static double nbody_step(double dt, int steps)
{
    for (int s = 0; s < steps; s++) {
        for (int i = 0; i < NBODY; i++) {
            for (int j = i + 1; j < NBODY; j++) {
                double dx = bodies[i].x - bodies[j].x;
                double dy = bodies[i].y - bodies[j].y;
                double dz = bodies[i].z - bodies[j].z;
                double d2 = dx * dx + dy * dy + dz * dz;
                double mag = dt / (d2 * __builtin_sqrt(d2));
                bodies[i].vx -= dx * bodies[j].m * mag;
                bodies[i].vy -= dy * bodies[j].m * mag;
                bodies[i].vz -= dz * bodies[j].m * mag;
                bodies[j].vx += dx * bodies[i].m * mag;
                bodies[j].vy += dy * bodies[i].m * mag;
                bodies[j].vz += dz * bodies[i].m * mag;
            }
        }
        for (int i = 0; i < NBODY; i++) {
            bodies[i].x += dt * bodies[i].vx;
            bodies[i].y += dt * bodies[i].vy;
            bodies[i].z += dt * bodies[i].vz;
        }
    }
    double e = 0.0;
    for (int i = 0; i < NBODY; i++)
        e += 0.5 * bodies[i].m * (bodies[i].vx * bodies[i].vx + bodies[i].vy * bodies[i].vy
                                  + bodies[i].vz * bodies[i].vz);
    return e;
}

static uint64_t bits(double d)
{
    union { double d; uint64_t u; } v = { d };
    return v.u;
}

int main(void)
{
    uint32_t n = rounds;
    double pi = 0.0, poly_acc = 0.0, energy = 0.0, roots = 0.0;
    uint64_t mix = 0;
    for (uint32_t r = 0; r < n; r++) {
        pi = simpson(0.0, 1.0, 20000 + (int)(r % 7) * 2);
        poly_acc += horner_sum(4000);
        for (int i = 1; i <= 200; i++) {
            double a = i * 1.25 + r;
            double x = newton_sqrt(a);
            double y = __builtin_sqrt(a);
            double e = x - y;
            if (e > 1e-12 || e < -1e-12) { put_str(1, "double: sqrt mismatch\n"); return 1; }
            roots += x;
        }
        energy = nbody_step(0.001, 2000);
        mix = (mix ^ bits(pi) ^ bits(energy)) * 0x100000001b3ull;
    }
    put_str(1, "double: rounds ");
    put_u64(1, n);
    put_str(1, " pi ");
    put_hex(1, bits(pi), 16);
    put_str(1, " poly ");
    put_hex(1, bits(poly_acc), 16);
    put_str(1, " roots ");
    put_hex(1, bits(roots), 16);
    put_str(1, " energy ");
    put_hex(1, bits(energy), 16);
    put_str(1, " checksum ");
    put_hex(1, mix, 16);
    put_str(1, "\n");
    return 0;
}
