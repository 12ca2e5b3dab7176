FROM php:8.3
RUN php -m | grep -qi "^redis$" && postgres -V | grep -e 16
